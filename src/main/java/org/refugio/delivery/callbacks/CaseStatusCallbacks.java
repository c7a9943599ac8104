package org.refugio.delivery.callbacks;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.refugio.cases.CaseService;
import org.refugio.cases.events.CaseClosed;
import org.refugio.cases.events.CaseEvent;
import org.refugio.cases.events.ProviderResponded;
import org.refugio.cases.events.ProviderResponseOverdue;
import org.refugio.cases.events.ReferralEscalated;
import org.refugio.cases.events.ReferralRouted;
import org.refugio.cases.events.ReferralSent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns each status change of a case into a queued callback for the subscription of the client that opened the
 * case, if it has one. Runs inside the transaction that made the change (the events are published there): the
 * queued row commits with the change or not at all, and nothing is sent until after the commit
 * ({@link CallbackWorker}). The body is built here, from the event's ids and codes only.
 */
@Component
class CaseStatusCallbacks {

    /** The callback a case event makes, if any. */
    record Change(String type, UUID referralId, UUID providerId, String status) { }

    private final CaseService cases;
    private final CallbackRepository repository;
    private final CallbackWorker worker;
    private final ObjectMapper json;
    private final Clock clock;

    CaseStatusCallbacks(CaseService cases, CallbackRepository repository, CallbackWorker worker, ObjectMapper json,
                        Clock clock) {
        this.cases = cases;
        this.repository = repository;
        this.worker = worker;
        this.json = json;
        this.clock = clock;
    }

    @EventListener
    void on(CaseEvent event) {
        Change change = change(event);
        if (change == null) {
            return;
        }
        Optional<UUID> subscription = cases.openedBy(event.caseId()).flatMap(repository::activeSubscriptionOf);
        if (subscription.isEmpty()) {
            return;
        }
        UUID id = UUID.randomUUID();
        Instant occurredAt = event.occurredAt().truncatedTo(ChronoUnit.MICROS);
        repository.insertDelivery(id, subscription.get(), webhookId(id), change.type(), event.caseId(),
                change.referralId(), body(event.caseId(), occurredAt, change), occurredAt,
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        worker.wakeAfterCommit();
    }

    /** The one webhook-id of a delivery: the same on every attempt and replay. */
    static String webhookId(UUID deliveryId) {
        return "msg_" + deliveryId;
    }

    static Change change(CaseEvent event) {
        if (event instanceof ReferralRouted routed) {
            // No suitable provider: ReferralEscalated follows, and says it.
            return routed.providerId() == null ? null
                    : new Change("case.routed", routed.referralId(), routed.providerId(), "PROPOSED");
        }
        if (event instanceof ReferralSent sent) {
            return new Change("case.sent", sent.referralId(), sent.providerId(), "SENT");
        }
        if (event instanceof ProviderResponded responded) {
            boolean accepted = "ACCEPTED".equals(responded.response());
            return new Change(accepted ? "case.accepted" : "case.declined", responded.referralId(),
                    responded.providerId(), accepted ? "ACCEPTED" : "DECLINED");
        }
        if (event instanceof ProviderResponseOverdue overdue) {
            return new Change("case.no_response", overdue.referralId(), overdue.providerId(), "NO_RESPONSE");
        }
        if (event instanceof ReferralEscalated) {
            return new Change("case.escalated", null, null, "ESCALATED");
        }
        if (event instanceof CaseClosed closed) {
            return new Change("case.closed", closed.referralId(), null, closed.status());
        }
        return null;
    }

    /** Ids and codes only: never a name, a narrative, a fact or free text (8 U.S.C. 1367). */
    String body(UUID caseId, Instant occurredAt, Change change) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("caseId", caseId.toString());
        if (change.referralId() != null) {
            data.put("referralId", change.referralId().toString());
        }
        if (change.providerId() != null) {
            data.put("providerId", change.providerId().toString());
        }
        data.put("status", change.status());
        data.put("occurredAt", occurredAt.toString());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", change.type());
        body.put("timestamp", occurredAt.toString());
        body.put("data", data);
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
