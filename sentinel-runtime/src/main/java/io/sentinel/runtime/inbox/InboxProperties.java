package io.sentinel.runtime.inbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param retention how long processed event ids are remembered; redeliveries older than this (far
 *                  beyond any Kafka rebalance or replay window in practice) would be processed again
 */
@ConfigurationProperties("sentinel.inbox")
public record InboxProperties(@DefaultValue("7d") Duration retention) {
}
