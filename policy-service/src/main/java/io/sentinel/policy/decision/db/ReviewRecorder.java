package io.sentinel.policy.decision.db;

import io.sentinel.events.EventEnvelope;
import io.sentinel.events.TraceParent;
import io.sentinel.events.analysis.AnalysisCompleted;
import io.sentinel.events.decision.ApprovalRequested;
import io.sentinel.policy.approval.ApprovalRequest;
import io.sentinel.policy.approval.db.ApprovalExpiry;
import io.sentinel.policy.approval.db.ApprovalRequestDao;
import io.sentinel.policy.brake.BrakeReadings;
import io.sentinel.policy.brake.db.BrakeReadout;
import io.sentinel.policy.decision.ProposalReview;
import io.sentinel.policy.decision.Review;
import io.sentinel.policy.incident.IncidentFacts;
import io.sentinel.policy.incident.db.IncidentFactsDao;
import io.sentinel.runtime.consume.EventContext;
import io.sentinel.policy.incident.IncidentProperties;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reviews an analysis' proposal ({@link ProposalReview}) with what the detector said about the
 * incident and the brakes as they stand, and records the outcome in the transaction the analysis is
 * handled in: publishes the decision (counting it for the rate brakes when it runs alone), or stores
 * the approval request with its announcement and schedules its deadline. An analysis that overtook
 * its incident, where the rules ask about the incident, is handed back to be delivered again shortly
 * ({@link IncidentNotSeenYet}), for at most {@code sentinel.policy.incidents.wait-for} after it was
 * published.
 */
@Component
public class ReviewRecorder {

    private static final Logger log = LoggerFactory.getLogger(ReviewRecorder.class);

    private final ProposalReview review;
    private final BrakeReadout brakes;
    private final ApprovalExpiry expiry;
    private final IncidentProperties incidents;
    private final Clock clock;

    public ReviewRecorder(ProposalReview review, BrakeReadout brakes, ApprovalExpiry expiry, IncidentProperties incidents, Clock clock) {
        this.review = review;
        this.brakes = brakes;
        this.expiry = expiry;
        this.incidents = incidents;
        this.clock = clock;
    }

    public void onAnalysis(AnalysisCompleted analysis, EventContext context) {
        if (analysis.proposedAction() == null) {
            log.info("nothing to decide: the analysis proposes no action incidentId={} analyst={}", analysis.incidentId(), analysis.analyst());
            return;
        }
        Instant now = clock.instant();
        IncidentFacts incident = context.attach(IncidentFactsDao.class).find(analysis.incidentId()).orElse(null);
        boolean mayWait = context.cause().time().plus(incidents.waitFor()).isAfter(now);
        BrakeReadings readings = brakes.read(context, analysis.target());
        switch (review.review(analysis, context.cause().id(), now, incident, readings, mayWait)) {
            case Review.NothingProposed nothing -> { }
            case Review.WaitForIncident wait -> throw new IncidentNotSeenYet(wait.incidentId(), incidents.waitFor());
            case Review.Decided decided -> {
                record(decided, analysis, context);
                log.info("policy decided incidentId={} playbook={} risk={} target={} environment={} decision={} policyRule={} "
                                + "incidentKnown={} brake=\"{}\"", analysis.incidentId(), analysis.proposedAction().playbookId(),
                        analysis.risk(), decided.target() == null ? "unlisted" : decided.target().name(), decided.environment(),
                        decided.decision().getClass().getSimpleName(), decided.decision().rule(), incident != null,
                        decided.brake() == null ? "" : decided.brake());
            }
        }
    }

    private void record(Review.Decided decided, AnalysisCompleted analysis, EventContext context) {
        switch (decided) {
            case Review.Authorize authorize -> {
                context.publish(authorize.authorization());
                brakes.recordAutomatic(context, context.cause().id(), analysis.incidentId(),
                        authorize.target() == null ? null : authorize.target().name());
            }
            case Review.Block block -> context.publish(block.block());
            case Review.AskForApproval ask -> {
                // The request's own trace, a child of the analysis': votes and the expiry continue it.
                TraceParent trace = context.cause().traceParent().child();
                EventEnvelope<ApprovalRequested> announced = context.publish(ask.announcement(), trace);
                ApprovalRequest request = ask.request().announced(announced.id(), trace);
                context.attach(ApprovalRequestDao.class).open(request);
                context.handle().afterCommit(() -> expiry.deadlineStored(request.expiresAt()));
                log.info("approval requested approvalId={} incidentId={} playbook={} risk={} target={} environment={} requiredRole={} "
                        + "requiredApprovals={} policyRule={} overriddenRule={} expiresAt={}", request.approvalId(), request.incidentId(),
                        request.playbookId(), request.risk(), request.target() == null ? "unlisted" : request.target().name(),
                        request.environment(), request.requiredRole(), request.requiredApprovals(), request.policyRule(),
                        request.overriddenRule(), request.expiresAt());
            }
        }
    }
}
