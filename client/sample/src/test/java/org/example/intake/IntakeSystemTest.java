package org.example.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.refugio.client.ApiException;
import org.refugio.client.model.Citizenship;

/**
 * The client jar works on its own at run time (HTTP, JSON, dates): the sample's request reaches a real HTTP receiver
 * on the loopback, which answers the way the service answers bad input (RFC 9457 problem+json).
 */
class IntakeSystemTest {

    HttpServer receiver;
    final AtomicReference<String> seen = new AtomicReference<>();
    final AtomicReference<Headers> seenHeaders = new AtomicReference<>();

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            seen.set(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            seenHeaders.set(exchange.getRequestHeaders());
            byte[] problem = "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(400, problem.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(problem);
            }
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    @Test
    void screensThroughTheClientAndReadsTheServicesProblem() {
        UUID key = UUID.randomUUID();
        IntakeSystem intake = new IntakeSystem(
                "http://127.0.0.1:" + receiver.getAddress().getPort(), () -> "token-of-the-intake-system");

        ApiException refused = assertThrows(ApiException.class,
                () -> intake.screenAdult(30, Citizenship.US_CITIZEN, LocalDate.of(2026, 11, 26), key));

        assertEquals(400, refused.getCode());
        assertTrue(refused.getResponseBody().contains("\"status\":400"), refused.getResponseBody());
        String request = seen.get();
        assertTrue(request.startsWith("POST /api/v1/screenings "), request);
        assertTrue(request.contains("\"asOfDate\":\"2026-11-26\""), request);
        assertTrue(request.contains("\"citizenship\":\"US_CITIZEN\""), request);
        assertEquals(key.toString(), seenHeaders.get().getFirst("Idempotency-Key"));
        assertEquals("Bearer token-of-the-intake-system", seenHeaders.get().getFirst("Authorization"));
    }
}
