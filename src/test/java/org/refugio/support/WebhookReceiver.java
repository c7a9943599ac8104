package org.refugio.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook endpoint on a free loopback port, for tests that receive what the service sends (a provider's webhook,
 * an intake client's callbacks). It records every delivery with its headers and body as it arrives, then answers:
 * 503 while told to fail, 401 to a bad Standard Webhooks signature once given a secret to verify with, otherwise
 * whatever the test's {@link Answer} says (204 by default). What a test's receiver does beyond that — acting once
 * per webhook-id, holding a delivery — is the test's own, in its answer.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** The test's answer to a delivery that got past failing and verification: the status to reply with. */
    @FunctionalInterface
    public interface Answer {
        /** May block, to hold the delivery unanswered; other deliveries are handled meanwhile. */
        int status(Delivery delivery) throws Exception;
    }

    /** One request as it arrived, and the status it was answered with once answered. */
    public static final class Delivery {
        private final Map<String, String> headers;
        private final String body;
        private final int attempt;
        private final long arrivedAt;
        private volatile int status;

        private Delivery(Map<String, String> headers, String body, int attempt, long arrivedAt) {
            this.headers = headers;
            this.body = body;
            this.attempt = attempt;
            this.arrivedAt = arrivedAt;
        }

        /** The first value of the header, by a case-insensitive name; null if it was not sent. */
        public String header(String name) {
            return headers.get(name);
        }

        public String webhookId() {
            return header("webhook-id");
        }

        public String timestamp() {
            return header("webhook-timestamp");
        }

        public String signature() {
            return header("webhook-signature");
        }

        public String body() {
            return body;
        }

        /** 1 for the first arrival of this webhook-id, 2 for the next, and so on. */
        public int attempt() {
            return attempt;
        }

        /** When it arrived, as {@link System#nanoTime()}. */
        public long arrivedAt() {
            return arrivedAt;
        }

        /** The status it was answered with; 0 while not yet answered. */
        public int status() {
            return status;
        }

        @Override
        public String toString() {
            return webhookId() + " attempt " + attempt + (status == 0 ? " (not answered)" : " answered " + status);
        }
    }

    private final String path;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Delivery> deliveries = new ArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger badSignatures = new AtomicInteger();
    private volatile String secret;
    private volatile Answer answer = delivery -> 204;

    private WebhookReceiver(String path) throws IOException {
        this.path = path;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(path, this::handle);
        // One thread per request: a held delivery must not hold up the next.
        server.setExecutor(threads);
        server.start();
    }

    /** A receiver listening on {@code path} (e.g. "/hooks/refugio") of a free loopback port. */
    public static WebhookReceiver start(String path) throws IOException {
        return new WebhookReceiver(path);
    }

    /** A fresh Standard Webhooks secret ("whsec_" and 32 random bytes in base64). */
    public static String newSecret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    public String url() {
        return "http://localhost:" + server.getAddress().getPort() + path;
    }

    /** From now on a delivery not signed with {@code secret} is answered 401 and counted as a bad signature. */
    public WebhookReceiver verifyingWith(String secret) {
        this.secret = secret;
        return this;
    }

    public WebhookReceiver answering(Answer answer) {
        this.answer = answer;
        return this;
    }

    /** The next {@code deliveries} deliveries are answered 503 (0: none), before verification and the answer. */
    public void failNext(int deliveries) {
        failuresLeft.set(deliveries);
    }

    /** Deliveries answered 401 for a signature that did not verify with the secret given. */
    public int badSignatures() {
        return badSignatures.get();
    }

    /** Every delivery so far, in order of arrival (a copy). */
    public List<Delivery> deliveries() {
        synchronized (deliveries) {
            return List.copyOf(deliveries);
        }
    }

    public List<Delivery> deliveries(String webhookId) {
        return deliveries().stream().filter(withId(webhookId)).toList();
    }

    /** Waits until {@code count} deliveries have arrived, answered or not (e.g. held); fails if not within. */
    public List<Delivery> awaitArrivals(String webhookId, int count, Duration within) throws InterruptedException {
        return await(withId(webhookId), "of webhook-id " + webhookId, false, count, within);
    }

    /** Waits until {@code count} deliveries have been answered; fails if not within. */
    public List<Delivery> awaitAnswers(int count, Duration within) throws InterruptedException {
        return await(d -> true, "", true, count, within);
    }

    /** Waits until {@code count} deliveries of this webhook-id have been answered; fails if not within. */
    public List<Delivery> awaitAnswers(String webhookId, int count, Duration within) throws InterruptedException {
        return await(withId(webhookId), "of webhook-id " + webhookId, true, count, within);
    }

    /**
     * Standard Webhooks verification of a delivery against one secret, written here apart from the service's signing
     * code: a fresh timestamp and, among the signatures sent, one made with this secret.
     */
    public static boolean signedWith(String secret, Delivery delivery) {
        String id = delivery.webhookId();
        String timestamp = delivery.timestamp();
        String signatures = delivery.signature();
        if (id == null || timestamp == null || signatures == null) {
            return false;
        }
        if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > 300) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
            String expected = "v1," + Base64.getEncoder().encodeToString(
                    mac.doFinal((id + "." + timestamp + "." + delivery.body()).getBytes(StandardCharsets.UTF_8)));
            for (String candidate : signatures.split(" ")) {
                if (candidate.equals(expected)) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private static Predicate<Delivery> withId(String webhookId) {
        return d -> webhookId.equals(d.webhookId());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            Delivery delivery = record(exchange);
            delivery.status = statusFor(delivery);
            synchronized (deliveries) {
                deliveries.notifyAll();
            }
            exchange.sendResponseHeaders(delivery.status, -1);
        } catch (IOException senderGone) {
            // The sender hung up (or died) before reading the answer: it has nowhere to go.
        } finally {
            exchange.close();
        }
    }

    private Delivery record(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
        String id = headers.get("webhook-id");
        synchronized (deliveries) {
            int attempt = 1 + (int) deliveries.stream().filter(d -> id != null && id.equals(d.webhookId())).count();
            Delivery delivery = new Delivery(Collections.unmodifiableMap(headers), body, attempt, System.nanoTime());
            deliveries.add(delivery);
            deliveries.notifyAll();
            return delivery;
        }
    }

    private int statusFor(Delivery delivery) {
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return 503;
        }
        String verifyWith = secret;
        if (verifyWith != null && !signedWith(verifyWith, delivery)) {
            badSignatures.incrementAndGet();
            return 401;
        }
        try {
            return answer.status(delivery);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 503;
        } catch (Exception e) {
            // A broken answer shows in the test's output, and as a 500 the sender will retry.
            e.printStackTrace();
            return 500;
        }
    }

    private List<Delivery> await(Predicate<Delivery> which, String what, boolean answered, int count,
            Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        synchronized (deliveries) {
            while (true) {
                List<Delivery> matching = deliveries.stream().filter(which)
                        .filter(d -> !answered || d.status() != 0).toList();
                if (matching.size() >= count) {
                    return matching;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected " + count + " deliveries" + (what.isEmpty() ? "" : " " + what)
                            + (answered ? " answered" : " arrived") + " within " + within + ", got "
                            + matching.size() + "; all deliveries so far: " + deliveries);
                }
                deliveries.wait(Math.max(1, left / 1_000_000));
            }
        }
    }
}
