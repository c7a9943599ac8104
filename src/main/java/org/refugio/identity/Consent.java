package org.refugio.identity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A written, informed, time-limited consent to share identifying data (34 U.S.C. 12291(b)(2); 28 CFR 94.115).
 *
 * @param providerId null = any provider the case is referred to
 */
public record Consent(UUID id, UUID caseId, String scope, String givenBy, LocalDate signedOn, LocalDate expiresOn,
                      UUID providerId, String documentReference, String recordedBy, Instant recordedAt,
                      String withdrawnBy, Instant withdrawnAt) {

    public static final String SHARE_IDENTITY = "SHARE_IDENTITY_WITH_PROVIDER";

    public enum State { ACTIVE, EXPIRED, WITHDRAWN }

    public State stateOn(LocalDate day) {
        if (withdrawnAt != null) {
            return State.WITHDRAWN;
        }
        return day.isAfter(expiresOn) || day.isBefore(signedOn) ? State.EXPIRED : State.ACTIVE;
    }

    /** Allows sharing the person's identity with this provider on this day. */
    public boolean allowsSharingWith(UUID provider, LocalDate day) {
        return SHARE_IDENTITY.equals(scope) && stateOn(day) == State.ACTIVE
                && (providerId == null || providerId.equals(provider));
    }
}
