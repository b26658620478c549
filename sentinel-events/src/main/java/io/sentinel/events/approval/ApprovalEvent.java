package io.sentinel.events.approval;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.sentinel.events.SentinelEvent;

/**
 * Human input to the policy service, published by the gateway: votes on approval requests (about one
 * incident each, keyed by it) and releases of the policy's global brake (about no incident; keyed by
 * {@link BrakeReleased#KEY}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public sealed interface ApprovalEvent extends SentinelEvent permits ApprovalVoteCast, BrakeReleased {
}
