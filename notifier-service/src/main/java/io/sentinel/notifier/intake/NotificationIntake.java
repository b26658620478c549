package io.sentinel.notifier.intake;

import io.sentinel.events.decision.ApprovalRequested;
import io.sentinel.events.incident.IncidentEscalated;
import io.sentinel.events.incident.IncidentOpened;
import io.sentinel.events.incident.IncidentResolved;
import io.sentinel.notifier.db.IncidentSummaryDao;
import io.sentinel.notifier.delivery.DeliveryQueue;
import io.sentinel.notifier.incident.IncidentSummary;
import io.sentinel.notifier.notification.Notification;
import io.sentinel.runtime.consume.EventContext;
import java.util.Optional;

/** Turns the events people should hear about into queued notifications, naming the incident they concern. */
public final class NotificationIntake {

    private final DeliveryQueue queue;

    public NotificationIntake(DeliveryQueue queue) {
        this.queue = queue;
    }

    public void onOpened(IncidentOpened opened, EventContext context) {
        context.attach(IncidentSummaryDao.class).insert(IncidentSummary.of(opened));
        queue.enqueue(Notification.incidentOpened(opened), context);
    }

    public void onApprovalRequested(ApprovalRequested request, EventContext context) {
        queue.enqueue(Notification.approvalRequested(request, summary(request.incidentId(), context), context.cause().time()), context);
    }

    public void onResolved(IncidentResolved resolved, EventContext context) {
        queue.enqueue(Notification.incidentResolved(resolved, summary(resolved.incidentId(), context)), context);
    }

    public void onEscalated(IncidentEscalated escalated, EventContext context) {
        queue.enqueue(Notification.incidentEscalated(escalated, summary(escalated.incidentId(), context)), context);
    }

    private static Optional<IncidentSummary> summary(String incidentId, EventContext context) {
        return context.attach(IncidentSummaryDao.class).find(incidentId);
    }
}
