package org.refugio.delivery.callbacks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import org.refugio.delivery.WebhookSignature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends the queued status callbacks, after the commit that queued them: woken by each commit that queues or replays
 * one, and polling every {@code refugio.callbacks.poll-every} for retries that fall due and for what a stopped node
 * left behind (the queue is a table, so a restart loses nothing). A worker leases a delivery for one attempt, so
 * several nodes share the queue without sending a delivery twice at once; a worker that dies mid-attempt leaves a
 * lease that runs out, and the delivery goes again with the same {@code webhook-id} (at least once; the receiver
 * acts on each id once). A refused attempt (any answer but 2xx, or none) waits the next step of
 * {@code refugio.callbacks.retry-backoff}; after the last, the delivery is FAILED in the log for an admin to replay.
 */
@Component
class CallbackWorker {

    private static final Logger log = LoggerFactory.getLogger(CallbackWorker.class);
    private static final int BATCH = 20;

    private final CallbackRepository repository;
    private final ObjectProvider<CallbackSubscriptions> subscriptions;
    private final Clock clock;
    private final Duration timeout;
    private final List<Duration> backoff;
    private final HttpClient http;
    /** One drain at a time on this node, and at most one more asked for: wake-ups coalesce. */
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(1), r -> {
                Thread thread = new Thread(r, "refugio-callbacks");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.DiscardPolicy());

    CallbackWorker(CallbackRepository repository, ObjectProvider<CallbackSubscriptions> subscriptions, Clock clock,
                   @Value("${refugio.delivery.webhook-timeout:PT10S}") Duration timeout,
                   @Value("${refugio.callbacks.retry-backoff:PT5S,PT30S,PT2M,PT10M,PT1H,PT6H}") String backoff) {
        this.repository = repository;
        this.subscriptions = subscriptions;
        this.clock = clock;
        this.timeout = timeout;
        this.backoff = parse(backoff);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    static List<Duration> parse(String backoff) {
        List<Duration> waits = new ArrayList<>();
        for (String step : backoff.split(",")) {
            if (!step.isBlank()) {
                waits.add(Duration.parse(step.trim()));
            }
        }
        return List.copyOf(waits);
    }

    /** Drains once the current transaction commits (at once without one); never in the caller's thread. */
    void wakeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wake();
                }
            });
        } else {
            wake();
        }
    }

    @Scheduled(fixedDelayString = "${refugio.callbacks.poll-every:PT5S}",
            initialDelayString = "${refugio.callbacks.poll-every:PT5S}")
    void poll() {
        wake();
    }

    void wake() {
        if (!executor.isShutdown()) {
            executor.execute(this::drainSafely);
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    private void drainSafely() {
        try {
            drain();
        } catch (RuntimeException e) {
            // The database gone (shutting down, say): the next poll tries again.
            log.warn("Callback delivery paused: {}", e.getClass().getName());
        }
    }

    /** Sends every delivery that is due; answers how many were attempted. */
    int drain() {
        int attempted = 0;
        while (!Thread.currentThread().isInterrupted()) {
            Instant now = clock.instant();
            List<UUID> due = repository.due(now, BATCH);
            if (due.isEmpty()) {
                return attempted;
            }
            int taken = 0;
            for (UUID id : due) {
                UUID token = UUID.randomUUID();
                Instant at = clock.instant();
                if (repository.lease(id, token, at, at.plus(timeout.multipliedBy(3)))) {
                    taken++;
                    attempted++;
                    attempt(id, token);
                }
            }
            if (taken == 0) {
                return attempted;
            }
        }
        return attempted;
    }

    private void attempt(UUID deliveryId, UUID token) {
        Optional<CallbackRepository.Delivery> found = repository.delivery(deliveryId);
        if (found.isEmpty()) {
            return;
        }
        CallbackRepository.Delivery delivery = found.get();
        CallbackRepository.Subscription subscription = repository.subscription(delivery.subscriptionId()).orElseThrow();
        if (subscription.deleted()) {
            repository.cancel(deliveryId);
            return;
        }
        Instant at = clock.instant();
        Integer status = null;
        String error = null;
        try {
            List<String> secrets = subscriptions.getObject().signingSecrets(subscription);
            long timestamp = at.getEpochSecond();
            List<String> signatures = new ArrayList<>();
            for (String secret : secrets) {
                signatures.add(WebhookSignature.sign(secret, delivery.webhookId(), timestamp, delivery.payload()));
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(subscription.url())).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Refugio-Callbacks/1")
                    .header("webhook-id", delivery.webhookId())
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", String.join(" ", signatures))
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.payload())).build();
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status < 200 || status > 299) {
                error = "HTTP " + status;
            }
        } catch (IOException e) {
            error = e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (IllegalStateException e) {
            // The secret does not open: sealed under an identity key this node does not have.
            error = "signing secret unreadable";
            log.error("Callback subscription {}: its signing secret does not open with the configured identity keys",
                    subscription.id());
        } catch (RuntimeException e) {
            // Counted as a refused attempt rather than left leased: it waits its backoff like any other.
            error = e.getClass().getSimpleName();
        }
        Instant done = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (error == null) {
            repository.attempted(deliveryId, token, done, status, null, true, null);
            log.info("Callback {} ({}) of case {} delivered to subscription {}", delivery.webhookId(),
                    delivery.eventType(), delivery.caseId(), subscription.id());
            return;
        }
        int failures = delivery.failuresInRow() + 1;
        Instant next = failures <= backoff.size() ? done.plus(backoff.get(failures - 1)) : null;
        repository.attempted(deliveryId, token, done, status, error, false, next);
        if (next == null) {
            log.warn("Callback {} ({}) to subscription {} failed {} times ({}); given up, replayable from the log",
                    delivery.webhookId(), delivery.eventType(), subscription.id(), failures, error);
        } else {
            log.info("Callback {} ({}) to subscription {} refused ({}); next attempt at {}", delivery.webhookId(),
                    delivery.eventType(), subscription.id(), error, next);
        }
    }
}
