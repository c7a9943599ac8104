package org.refugio.cases;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The default channel: logs the ids of the referral for an operator to pass on. A deployment replaces it with a
 * real channel bean; the delivery record in referral_delivery keeps either one from delivering twice.
 */
@Configuration(proxyBeanMethods = false)
class LoggingReferralChannel {

    private static final Logger log = LoggerFactory.getLogger(LoggingReferralChannel.class);

    @Bean
    @ConditionalOnMissingBean
    ReferralChannel referralChannel() {
        return notice -> {
            log.info("Referral {} of case {} to provider {} ready for delivery (urgent: {}, answer due {})",
                    notice.referralId(), notice.caseId(), notice.providerId(), notice.urgent(), notice.responseDueAt());
            return "log";
        };
    }
}
