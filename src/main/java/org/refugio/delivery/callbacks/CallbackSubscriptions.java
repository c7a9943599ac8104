package org.refugio.delivery.callbacks;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.refugio.identity.IdentityCipher;
import org.refugio.problem.ConflictException;
import org.refugio.problem.NotFoundException;
import org.refugio.problem.UnprocessableException;
import org.refugio.security.CurrentActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The admin's side of status callbacks: subscriptions per intake client, their signing secrets (generated here,
 * shown once, stored sealed under the identity keys and rotatable), and each subscription's delivery log with
 * replay. The deliveries themselves are queued by {@link CaseStatusCallbacks} and sent by {@link CallbackWorker}.
 */
@Service
public class CallbackSubscriptions {

    private static final Logger log = LoggerFactory.getLogger(CallbackSubscriptions.class);

    /** A subscription as stored, with its secret in the clear only right after creation or rotation. */
    public record View(CallbackRepository.Subscription subscription, String secret) { }

    public record Page<T>(List<T> items, String nextCursor) { }

    private final CallbackRepository repository;
    private final IdentityCipher cipher;
    private final CurrentActor actors;
    private final CallbackWorker worker;
    private final Clock clock;
    private final Duration secretOverlap;
    private final SecureRandom random = new SecureRandom();

    CallbackSubscriptions(CallbackRepository repository, IdentityCipher cipher, CurrentActor actors,
                          CallbackWorker worker, Clock clock,
                          @Value("${refugio.delivery.secret-overlap:PT24H}") Duration secretOverlap) {
        this.repository = repository;
        this.cipher = cipher;
        this.actors = actors;
        this.worker = worker;
        this.clock = clock;
        this.secretOverlap = secretOverlap;
    }

    @Transactional
    public View create(String clientId, String url) {
        String client = clientId == null ? "" : clientId.trim();
        if (client.isEmpty()) {
            throw new UnprocessableException("/clientId", "required", "Name the intake client.");
        }
        String checked = checkUrl(url);
        if (repository.activeSubscriptionOf(client).isPresent()) {
            throw new ConflictException("Client " + client + " has a subscription in force; delete it first.");
        }
        UUID id = UUID.randomUUID();
        String secret = newSecret();
        try {
            repository.insertSubscription(id, client, checked, seal(secret, id), now(), actors.get().id());
        } catch (DuplicateKeyException e) {
            throw new ConflictException("Client " + client + " has a subscription in force; delete it first.");
        }
        log.info("Callback subscription {} registered for client {}", id, client);
        return new View(find(id), secret);
    }

    public CallbackRepository.Subscription find(UUID id) {
        return repository.subscription(id)
                .orElseThrow(() -> new NotFoundException("No callback subscription has id " + id + "."));
    }

    public Page<CallbackRepository.Subscription> list(String clientId, boolean includeDeleted, String cursor,
                                                      int size) {
        List<CallbackRepository.Subscription> rows = repository.subscriptions(
                clientId == null || clientId.isBlank() ? null : clientId.trim(), includeDeleted, Cursors.parse(cursor),
                size + 1);
        List<CallbackRepository.Subscription> items = rows.size() > size ? rows.subList(0, size) : rows;
        String next = null;
        if (rows.size() > size) {
            CallbackRepository.Subscription last = items.get(items.size() - 1);
            next = Cursors.encode(new CallbackRepository.Position(last.createdAt(), last.id()));
        }
        return new Page<>(List.copyOf(items), next);
    }

    @Transactional
    public void delete(UUID id) {
        find(id);
        if (repository.delete(id, now(), actors.get().id())) {
            log.info("Callback subscription {} deleted", id);
        }
    }

    /** A new secret, shown once; the replaced one signs alongside for {@code refugio.delivery.secret-overlap}. */
    @Transactional
    public View rotate(UUID id) {
        CallbackRepository.Subscription current = find(id);
        if (current.deleted()) {
            throw new ConflictException("Callback subscription " + id + " is deleted.");
        }
        String secret = newSecret();
        Instant now = now();
        // The replaced secret is re-sealed as it is: the same subscription id binds both slots.
        if (!repository.rotate(id, seal(secret, id), current.secret(), now.plus(secretOverlap), now)) {
            throw new ConflictException("Callback subscription " + id + " is deleted.");
        }
        log.info("Callback subscription {}: signing secret rotated", id);
        return new View(find(id), secret);
    }

    public Page<CallbackRepository.Delivery> deliveries(UUID subscriptionId, String status, String cursor, int size) {
        find(subscriptionId);
        List<CallbackRepository.Delivery> rows = repository.deliveries(subscriptionId, status, Cursors.parse(cursor),
                size + 1);
        List<CallbackRepository.Delivery> items = rows.size() > size ? rows.subList(0, size) : rows;
        String next = null;
        if (rows.size() > size) {
            CallbackRepository.Delivery last = items.get(items.size() - 1);
            next = Cursors.encode(new CallbackRepository.Position(last.createdAt(), last.id()));
        }
        return new Page<>(List.copyOf(items), next);
    }

    /** Sends a delivery again, with the same webhook-id and body; the worker takes it after this commits. */
    @Transactional
    public CallbackRepository.Delivery replay(UUID subscriptionId, UUID deliveryId) {
        CallbackRepository.Subscription subscription = find(subscriptionId);
        CallbackRepository.Delivery delivery = repository.delivery(deliveryId)
                .filter(d -> d.subscriptionId().equals(subscriptionId))
                .orElseThrow(() -> new NotFoundException("Callback subscription " + subscriptionId
                        + " has no delivery " + deliveryId + "."));
        if (subscription.deleted()) {
            throw new ConflictException("Callback subscription " + subscriptionId + " is deleted; nothing is sent.");
        }
        repository.replay(delivery.id(), now());
        worker.wakeAfterCommit();
        log.info("Callback delivery {} ({}) replayed by {}", delivery.id(), delivery.webhookId(), actors.get().id());
        return repository.delivery(deliveryId).orElseThrow();
    }

    /** The secrets that sign a delivery now: the current one, and the replaced one during its overlap. */
    List<String> signingSecrets(CallbackRepository.Subscription subscription) {
        List<String> secrets = new ArrayList<>();
        secrets.add(cipher.open(subscription.secret(), recordId(subscription.id())));
        if (subscription.previous() != null && subscription.previousUntil() != null
                && subscription.previousUntil().isAfter(clock.instant())) {
            secrets.add(cipher.open(subscription.previous(), recordId(subscription.id())));
        }
        return secrets;
    }

    /** HTTPS, or http to this machine only (a local receiver, for trying it out), as for providers' webhooks. */
    static String checkUrl(String url) {
        String trimmed = url == null ? "" : url.trim();
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw new UnprocessableException("/url", "not a URL", "The callback address is not a URL.");
        }
        String host = uri.getHost();
        boolean local = "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
        if (host == null || uri.getUserInfo() != null
                || !("https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && local))) {
            throw new UnprocessableException("/url", "must be https (http only to localhost), without credentials",
                    "Callbacks go over HTTPS to an address without user name or password.");
        }
        return trimmed;
    }

    private IdentityCipher.Sealed seal(String secret, UUID id) {
        return cipher.seal(secret, recordId(id));
    }

    private static String recordId(UUID id) {
        return "callback-subscription\n" + id;
    }

    /** Standard Webhooks form: whsec_ + base64 of 32 random bytes. */
    private String newSecret() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Opaque page positions: base64url of "created-at|id". */
    static final class Cursors {

        private Cursors() {
        }

        static String encode(CallbackRepository.Position position) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    (position.createdAt() + "|" + position.id()).getBytes(StandardCharsets.UTF_8));
        }

        static CallbackRepository.Position parse(String cursor) {
            if (cursor == null || cursor.isBlank()) {
                return null;
            }
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
                return new CallbackRepository.Position(Instant.parse(parts[0]), UUID.fromString(parts[1]));
            } catch (RuntimeException e) {
                throw new UnprocessableException("/cursor", "not a cursor this service gave",
                        "The cursor is not one this service gave; start again without it.");
            }
        }
    }
}
