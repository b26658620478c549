package io.sentinel.policy.decision.db;

import io.sentinel.events.EventEnvelope;
import io.sentinel.events.TraceParent;
import io.sentinel.events.analysis.AnalysisCompleted;
import io.sentinel.events.decision.ApprovalRequested;
import io.sentinel.policy.approval.ApprovalRequest;
import io.sentinel.policy.approval.db.ApprovalRequestDao;
import io.sentinel.policy.decision.ProposalReview;
import io.sentinel.policy.decision.Review;
import io.sentinel.runtime.consume.EventContext;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reviews an analysis' proposal ({@link ProposalReview}) and records the outcome in the transaction
 * the analysis is handled in: publishes the decision, or stores the approval request with its
 * announcement.
 */
@Component
public class ReviewRecorder {

    private static final Logger log = LoggerFactory.getLogger(ReviewRecorder.class);

    private final ProposalReview review;
    private final Clock clock;

    public ReviewRecorder(ProposalReview review, Clock clock) {
        this.review = review;
        this.clock = clock;
    }

    public void onAnalysis(AnalysisCompleted analysis, EventContext context) {
        switch (review.review(analysis, context.cause().id(), clock.instant())) {
            case Review.NothingProposed nothing -> log.info("nothing to decide: the analysis proposes no action incidentId={} analyst={}",
                    analysis.incidentId(), analysis.analyst());
            case Review.Decided decided -> {
                record(decided, context);
                log.info("policy decided incidentId={} playbook={} risk={} target={} environment={} decision={} policyRule={}",
                        analysis.incidentId(), analysis.proposedAction().playbookId(), analysis.risk(),
                        decided.target() == null ? "unlisted" : decided.target().name(), decided.environment(),
                        decided.decision().getClass().getSimpleName(), decided.decision().rule());
            }
        }
    }

    private static void record(Review.Decided decided, EventContext context) {
        switch (decided) {
            case Review.Authorize authorize -> context.publish(authorize.authorization());
            case Review.Block block -> context.publish(block.block());
            case Review.AskForApproval ask -> {
                // The request's own trace, a child of the analysis': votes and the expiry continue it.
                TraceParent trace = context.cause().traceParent().child();
                EventEnvelope<ApprovalRequested> announced = context.publish(ask.announcement(), trace);
                ApprovalRequest request = ask.request().announced(announced.id(), trace);
                context.attach(ApprovalRequestDao.class).open(request);
                log.info("approval requested approvalId={} incidentId={} playbook={} risk={} target={} environment={} requiredRole={} "
                        + "policyRule={} expiresAt={}", request.approvalId(), request.incidentId(), request.playbookId(), request.risk(),
                        request.target() == null ? "unlisted" : request.target().name(), request.environment(), request.requiredRole(),
                        request.policyRule(), request.expiresAt());
            }
        }
    }
}
