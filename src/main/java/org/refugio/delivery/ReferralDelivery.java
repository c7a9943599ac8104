package org.refugio.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.refugio.cases.ReferralChannel;
import org.refugio.providers.ProviderDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers a sent referral through the provider's channels: the portal inbox (always: the referral is readable at
 * {@code /api/v1/provider/referrals/{id}} once sent), a webhook and an e-mail notice where configured. Neither the
 * webhook nor the e-mail carries personal data: ids, urgency, the deadline and a link the provider fetches with its
 * own credentials. Runs inside the workflow's "send referral" job: a channel that fails throws, the job is retried
 * with backoff (camunda.bpm.generic-properties failedJobRetryTimeCycle = refugio.delivery.retry-cycle) and, when
 * the retries are spent, becomes an incident an operator retries in Cockpit. A channel that accepted the referral
 * is recorded at once, in a transaction of its own, so a retry does not repeat it; should a crash fall between a
 * delivery and that record, the webhook goes again with the same {@code webhook-id}, the receiver's idempotency key.
 */
@Component
public class ReferralDelivery implements ReferralChannel {

    private static final Logger log = LoggerFactory.getLogger(ReferralDelivery.class);

    private final ProviderDirectory directory;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final ObjectProvider<JavaMailSender> mail;
    private final ObjectMapper json;
    private final Clock clock;
    private final String publicUrl;
    private final String mailFrom;
    private final HttpClient http;
    private final Duration timeout;

    ReferralDelivery(ProviderDirectory directory, JdbcTemplate jdbc, PlatformTransactionManager transactions,
                     ObjectProvider<JavaMailSender> mail, ObjectMapper json, Clock clock,
                     @Value("${refugio.delivery.public-url:http://localhost:8080}") String publicUrl,
                     @Value("${refugio.delivery.mail-from:refugio@localhost}") String mailFrom,
                     @Value("${refugio.delivery.webhook-timeout:PT10S}") Duration timeout) {
        this.directory = directory;
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.mail = mail;
        this.json = json;
        this.clock = clock;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.mailFrom = mailFrom;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String deliver(ReferralNotice notice) {
        ProviderDirectory.Channels channels = directory.channels(notice.providerId());
        List<String> via = new ArrayList<>(List.of("portal"));
        if (channels.webhook()) {
            once(notice.referralId(), "webhook", webhookId(notice.referralId()), () -> webhook(notice, channels));
            via.add("webhook");
        }
        if (channels.email()) {
            JavaMailSender sender = mail.getIfAvailable();
            if (sender == null) {
                log.warn("Referral {}: provider {} has a notice address but no mail server is configured"
                        + " (spring.mail.host); no e-mail sent", notice.referralId(), notice.providerId());
            } else {
                once(notice.referralId(), "email", "email_" + notice.referralId(), () -> email(sender, notice, channels));
                via.add("email");
            }
        }
        return String.join(",", via);
    }

    /** The idempotency key of a referral's webhook delivery: the same on every attempt. */
    public static String webhookId(UUID referralId) {
        return "msg_" + referralId;
    }

    /** The webhook's body: no personal data, only what lets the provider fetch the referral. */
    String body(ReferralNotice notice, Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("referralId", notice.referralId().toString());
        data.put("caseId", notice.caseId().toString());
        data.put("providerId", notice.providerId().toString());
        data.put("urgent", notice.urgent());
        data.put("responseDueAt", notice.responseDueAt().toString());
        data.put("href", link(notice.referralId()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "referral.sent");
        body.put("timestamp", at.toString());
        body.put("data", data);
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void webhook(ReferralNotice notice, ProviderDirectory.Channels channels) {
        Instant now = clock.instant();
        String id = webhookId(notice.referralId());
        long timestamp = now.getEpochSecond();
        String body = body(notice, now);
        HttpRequest request = HttpRequest.newBuilder(URI.create(channels.webhookUrl())).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signatures(channels, id, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        int status;
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new DeliveryFailedException("webhook of referral " + notice.referralId() + " to provider "
                    + notice.providerId() + " failed: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailedException("webhook of referral " + notice.referralId() + " interrupted", e);
        }
        if (status < 200 || status > 299) {
            throw new DeliveryFailedException("webhook of referral " + notice.referralId() + " to provider "
                    + notice.providerId() + " answered HTTP " + status, null);
        }
        log.info("Referral {} delivered to provider {} by webhook ({})", notice.referralId(), notice.providerId(), id);
    }

    /** One signature per secret in force: during a rotation the replaced secret signs too (space-separated). */
    static String signatures(ProviderDirectory.Channels channels, String id, long timestamp, String body) {
        String current = WebhookSignature.sign(channels.webhookSecret(), id, timestamp, body);
        return channels.previousSecret() == null ? current
                : current + " " + WebhookSignature.sign(channels.previousSecret(), id, timestamp, body);
    }

    private void email(JavaMailSender sender, ReferralNotice notice, ProviderDirectory.Channels channels) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(mailFrom);
        message.setTo(channels.noticeEmail());
        message.setSubject((notice.urgent() ? "[Refugio] URGENT referral " : "[Refugio] New referral ")
                + notice.referralId().toString().substring(0, 8));
        message.setText("A legal-aid referral was sent to your organisation"
                + (notice.urgent() ? " (urgent: answer within the shorter deadline)" : "") + ".\n\n"
                + "Referral: " + notice.referralId() + "\n"
                + "Answer by: " + notice.responseDueAt() + "\n\n"
                + "Read it and answer with your provider account: " + link(notice.referralId()) + "\n\n"
                + "This notice carries no personal data; the referral itself is behind your sign-in.\n");
        sender.send(message);
        log.info("Referral {} notice e-mailed to provider {}", notice.referralId(), notice.providerId());
    }

    private String link(UUID referralId) {
        return publicUrl + "/api/v1/provider/referrals/" + referralId;
    }

    /** Runs a channel's delivery unless it already accepted this referral; records it at once when it does. */
    private void once(UUID referralId, String channel, String messageId, Runnable delivery) {
        Integer done = jdbc.queryForObject("select count(*) from referral_channel_delivery where referral_id = ?"
                + " and channel = ?", Integer.class, referralId, channel);
        if (done != null && done > 0) {
            return;
        }
        delivery.run();
        ownTransaction.executeWithoutResult(s -> jdbc.update("insert into referral_channel_delivery (referral_id,"
                        + " channel, message_id, delivered_at) values (?, ?, ?, ?)", referralId, channel, messageId,
                Timestamp.from(clock.instant())));
    }

    /** A channel did not accept the referral: the workflow job fails and is retried. */
    public static class DeliveryFailedException extends RuntimeException {
        DeliveryFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
