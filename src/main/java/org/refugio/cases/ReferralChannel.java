package org.refugio.cases;

import java.time.Instant;
import java.util.UUID;

/**
 * How a referral reaches a provider (e-mail, a provider's case system, ...). The referral id is the idempotency
 * key: a channel must deliver each referral once even when asked twice.
 */
public interface ReferralChannel {

    /**
     * @param referredBy          the caseworker responsible for the case (an id, for the provider to call back)
     * @param organizationContact how the provider reaches the referring organization
     * @param identityJson        the person's identifying data, only under a consent valid today; otherwise null
     *                            and the provider gets the case id and the caseworker's contact only (issue 5)
     * @param consentId           the consent under which identityJson is shared
     */
    record ReferralNotice(UUID caseId, UUID referralId, UUID providerId, boolean urgent, Instant responseDueAt,
                          String referredBy, String organizationContact, String identityJson, UUID consentId) {

        public boolean sharesIdentity() {
            return identityJson != null;
        }

        @Override
        public String toString() {
            // Never print the identity, whatever logs this notice.
            return "ReferralNotice[case=" + caseId + ", referral=" + referralId + ", provider=" + providerId
                    + ", identityShared=" + sharesIdentity() + "]";
        }
    }

    /** @return the channel's name, recorded with the delivery */
    String deliver(ReferralNotice notice);
}
