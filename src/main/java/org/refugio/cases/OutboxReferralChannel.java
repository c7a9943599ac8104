package org.refugio.cases;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.refugio.identity.IdentityCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The default channel: each notice goes into the referral_outbox table, sealed like the identity vault (the
 * referral id bound to it), for an integration or an operator to pass on. A deployment may replace it with a
 * real channel bean. The log says only which referral is ready and whether identity went with it.
 */
@Configuration(proxyBeanMethods = false)
class OutboxReferralChannel {

    private static final Logger log = LoggerFactory.getLogger(OutboxReferralChannel.class);

    @Bean
    @ConditionalOnMissingBean
    ReferralChannel referralChannel(JdbcTemplate jdbc, IdentityCipher cipher, ObjectMapper json, Clock clock) {
        return notice -> {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("caseId", notice.caseId().toString());
            payload.put("referralId", notice.referralId().toString());
            payload.put("urgent", notice.urgent());
            payload.put("responseDueAt", notice.responseDueAt().toString());
            payload.put("referredBy", notice.referredBy());
            payload.put("organizationContact", notice.organizationContact());
            try {
                if (notice.sharesIdentity()) {
                    payload.put("identity", json.readTree(notice.identityJson()));
                    payload.put("consentId", notice.consentId().toString());
                }
                IdentityCipher.Sealed sealed = cipher.seal(json.writeValueAsString(payload), notice.referralId().toString());
                jdbc.update("insert into referral_outbox (referral_id, provider_id, key_id, nonce, payload, created_at)"
                                + " values (?, ?, ?, ?, ?, ?)", notice.referralId(), notice.providerId(), sealed.keyId(),
                        Base64.getEncoder().encodeToString(sealed.nonce()),
                        Base64.getEncoder().encodeToString(sealed.ciphertext()), Timestamp.from(clock.instant()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a referral notice could not be written", e);
            }
            log.info("Referral {} of case {} to provider {} is in the outbox (identity shared: {})",
                    notice.referralId(), notice.caseId(), notice.providerId(), notice.sharesIdentity());
            return "outbox";
        };
    }
}
