package org.refugio.cases;

import java.util.EnumSet;
import java.util.Set;

/** The life of one referral of a case to one provider. */
public enum ReferralStatus {
    /** Chosen (by the rules or a person), not sent yet. */
    PROPOSED,
    /** Sent; the provider's answer is awaited. */
    SENT,
    ACCEPTED,
    DECLINED,
    /** The provider let the response deadline pass. */
    NO_RESPONSE,
    /** A caseworker chose another provider before it was sent. */
    SUPERSEDED,
    /** The client declined the referral while it was open. */
    WITHDRAWN;

    /** A provider that answered so, or not at all, is not asked again for the same case. */
    public static final Set<ReferralStatus> ALREADY_ASKED = EnumSet.of(DECLINED, NO_RESPONSE);

    public static final Set<ReferralStatus> OPEN = EnumSet.of(PROPOSED, SENT);
}
