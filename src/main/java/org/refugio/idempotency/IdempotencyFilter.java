package org.refugio.idempotency;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.refugio.problem.Problems;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} on a POST that creates something: a retry with the same key and body gets the first
 * answer, never a second resource; the same key with another body is a 422. The key is recorded in the same
 * transaction as what the request creates, so a crash leaves either both or neither.
 */
@Component
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";

    private final IdempotencyRepository records;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;

    public IdempotencyFilter(IdempotencyRepository records, TransactionTemplate transactions, ObjectMapper json) {
        this.records = records;
        this.transactions = transactions;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key.isBlank() || key.length() > 200 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            problem(response, HttpStatus.BAD_REQUEST, Problems.INVALID_REQUEST, "Invalid request",
                    "The Idempotency-Key header must be 1 to 200 visible ASCII characters.");
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        String actor = actor();
        String fingerprint = sha256(request.getMethod() + " " + request.getRequestURI() + "\n",
                body);
        Optional<IdempotencyRepository.Record> earlier = records.find(actor, key);
        if (earlier.isPresent()) {
            answer(earlier.get(), fingerprint, response);
            return;
        }
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        try {
            transactions.executeWithoutResult(tx -> run(tx, actor, key, fingerprint, request, body, captured, chain));
        } catch (DuplicateKeyException raced) {
            // Another request with the same key committed first: answer as it did.
            answer(records.find(actor, key).orElseThrow(), fingerprint, response);
            return;
        } catch (WrappedException e) {
            throw e.unwrap();
        }
        captured.copyBodyToResponse();
    }

    private void run(TransactionStatus tx, String actor, String key, String fingerprint, HttpServletRequest request,
                     byte[] body, ContentCachingResponseWrapper response, FilterChain chain) {
        records.begin(actor, key, request.getRequestURI(), fingerprint);
        try {
            chain.doFilter(new CachedBodyRequest(request, body), response);
        } catch (IOException | ServletException e) {
            throw new WrappedException(e);
        }
        if (response.getStatus() >= 200 && response.getStatus() < 300) {
            records.complete(actor, key, response.getStatus(), response.getContentType(),
                    response.getHeader(HttpHeaders.LOCATION),
                    new String(response.getContentAsByteArray(), StandardCharsets.UTF_8));
        } else {
            // A refused request created nothing, so its key stays free for a corrected retry.
            tx.setRollbackOnly();
        }
    }

    private void answer(IdempotencyRepository.Record record, String fingerprint, HttpServletResponse response)
            throws IOException {
        if (!record.requestSha256().equals(fingerprint)) {
            problem(response, HttpStatus.UNPROCESSABLE_ENTITY, Problems.IDEMPOTENCY_MISMATCH,
                    "Idempotency key reused", "This Idempotency-Key was used with a different request.");
            return;
        }
        if (record.status() == null) {
            problem(response, HttpStatus.CONFLICT, Problems.IN_PROGRESS, "Request in progress",
                    "A request with this Idempotency-Key is still being processed; retry shortly.");
            return;
        }
        response.setStatus(record.status());
        if (record.contentType() != null) {
            response.setContentType(record.contentType());
        }
        if (record.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, record.location());
        }
        response.setHeader(REPLAYED, "true");
        response.getOutputStream().write(record.body().getBytes(StandardCharsets.UTF_8));
    }

    private void problem(HttpServletResponse response, HttpStatus status, String type, String title, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), Problems.of(status, type, title, detail));
    }

    private static String actor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "anonymous" : authentication.getName();
    }

    private static String sha256(String head, byte[] body) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(head.getBytes(StandardCharsets.UTF_8));
            md.update(body);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class WrappedException extends RuntimeException {
        WrappedException(Exception cause) {
            super(cause);
        }

        IOException unwrap() throws ServletException {
            if (getCause() instanceof ServletException s) {
                throw s;
            }
            return (IOException) getCause();
        }
    }

    private static final class CachedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
        }
    }
}
