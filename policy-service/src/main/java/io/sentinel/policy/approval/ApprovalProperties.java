package io.sentinel.policy.approval;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param ttl                 how long an approval request waits for its votes; after that it expires
 *                            and the action never runs
 * @param expiryCheckInterval how often overdue requests are looked for besides the deadline each instance
 *                            schedules for the requests it knows of: the most an expiry can be late when the
 *                            instance that stored a request is gone (a late vote is refused either way)
 */
@ConfigurationProperties("sentinel.policy.approval")
public record ApprovalProperties(@DefaultValue("4h") Duration ttl, @DefaultValue("1m") Duration expiryCheckInterval) {

    public ApprovalProperties {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("sentinel.policy.approval.ttl must be a positive duration such as 4h, was " + ttl);
        }
        if (expiryCheckInterval == null || expiryCheckInterval.isNegative() || expiryCheckInterval.isZero()) {
            throw new IllegalArgumentException(
                    "sentinel.policy.approval.expiry-check-interval must be a positive duration such as 1m, was " + expiryCheckInterval);
        }
    }
}
