package org.refugio.delivery.callbacks;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.refugio.api.CallbackSubscriptionsApi;
import org.refugio.api.model.CallbackDelivery;
import org.refugio.api.model.CallbackDeliveryPage;
import org.refugio.api.model.CallbackDeliveryStatus;
import org.refugio.api.model.CallbackEventType;
import org.refugio.api.model.CallbackSubscription;
import org.refugio.api.model.CallbackSubscriptionInput;
import org.refugio.api.model.CallbackSubscriptionPage;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/** The admin's REST contract of status callbacks (issue 12, item 3). */
@RestController
class CallbackSubscriptionController implements CallbackSubscriptionsApi {

    private final CallbackSubscriptions subscriptions;

    CallbackSubscriptionController(CallbackSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public ResponseEntity<CallbackSubscription> createCallbackSubscription(CallbackSubscriptionInput input,
                                                                           String idempotencyKey) {
        CallbackSubscriptions.View created = subscriptions.create(input.getClientId(), input.getUrl());
        return ResponseEntity.created(URI.create(PATH_GET_CALLBACK_SUBSCRIPTION.replace("{subscriptionId}",
                created.subscription().id().toString()))).body(view(created.subscription()).secret(created.secret()));
    }

    @Override
    public ResponseEntity<CallbackSubscriptionPage> listCallbackSubscriptions(String clientId, Boolean includeDeleted,
                                                                              String cursor, Integer size) {
        CallbackSubscriptions.Page<CallbackRepository.Subscription> page = subscriptions.list(clientId,
                Boolean.TRUE.equals(includeDeleted), cursor, size == null ? 20 : size);
        return ResponseEntity.ok(new CallbackSubscriptionPage().nextCursor(page.nextCursor())
                .items(page.items().stream().map(CallbackSubscriptionController::view).toList()));
    }

    @Override
    public ResponseEntity<CallbackSubscription> getCallbackSubscription(UUID subscriptionId) {
        return ResponseEntity.ok(view(subscriptions.find(subscriptionId)));
    }

    @Override
    public ResponseEntity<Void> deleteCallbackSubscription(UUID subscriptionId) {
        subscriptions.delete(subscriptionId);
        return ResponseEntity.noContent().build();
    }

    @Override
    public ResponseEntity<CallbackSubscription> rotateCallbackSecret(UUID subscriptionId) {
        CallbackSubscriptions.View rotated = subscriptions.rotate(subscriptionId);
        return ResponseEntity.ok(view(rotated.subscription()).secret(rotated.secret()));
    }

    @Override
    public ResponseEntity<CallbackDeliveryPage> listCallbackDeliveries(UUID subscriptionId,
                                                                       CallbackDeliveryStatus status, String cursor,
                                                                       Integer size) {
        CallbackSubscriptions.Page<CallbackRepository.Delivery> page = subscriptions.deliveries(subscriptionId,
                status == null ? null : status.getValue(), cursor, size == null ? 20 : size);
        return ResponseEntity.ok(new CallbackDeliveryPage().nextCursor(page.nextCursor())
                .items(page.items().stream().map(CallbackSubscriptionController::view).toList()));
    }

    @Override
    public ResponseEntity<CallbackDelivery> replayCallbackDelivery(UUID subscriptionId, UUID deliveryId) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(view(subscriptions.replay(subscriptionId, deliveryId)));
    }

    static CallbackSubscription view(CallbackRepository.Subscription s) {
        return new CallbackSubscription().id(s.id()).clientId(s.clientId()).url(s.url())
                .createdAt(time(s.createdAt())).createdBy(s.createdBy()).secretRotatedAt(time(s.secretRotatedAt()))
                .previousSecretValidUntil(s.previous() == null ? null : time(s.previousUntil()))
                .deletedAt(time(s.deletedAt())).deletedBy(s.deletedBy());
    }

    static CallbackDelivery view(CallbackRepository.Delivery d) {
        return new CallbackDelivery().id(d.id()).subscriptionId(d.subscriptionId()).webhookId(d.webhookId())
                .eventType(CallbackEventType.fromValue(d.eventType())).caseId(d.caseId()).referralId(d.referralId())
                .status(CallbackDeliveryStatus.fromValue(d.status())).occurredAt(time(d.occurredAt()))
                .createdAt(time(d.createdAt())).attempts(d.attempts()).replays(d.replays())
                .lastAttemptAt(time(d.lastAttemptAt())).lastResponseStatus(d.lastResponseStatus())
                .lastError(d.lastError()).nextAttemptAt(time(d.nextAttemptAt())).deliveredAt(time(d.deliveredAt()));
    }

    private static OffsetDateTime time(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
