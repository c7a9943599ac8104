package org.refugio.cases;

import java.time.Instant;
import java.util.UUID;

/**
 * How a referral reaches a provider (e-mail, a provider's case system, ...). It receives ids only: sharing a
 * survivor's identifying data needs their written consent (issue 5), which this notice does not assume. The
 * referral id is the idempotency key: a channel must deliver each referral once even when asked twice.
 */
public interface ReferralChannel {

    record ReferralNotice(UUID caseId, UUID referralId, UUID providerId, boolean urgent, Instant responseDueAt) { }

    /** @return the channel's name, recorded with the delivery */
    String deliver(ReferralNotice notice);
}
