package org.refugio.security;

/** Who may do what (issue 5): roles come from the token's roles claim, or from the demo users. */
public enum Role {
    /** An intake system: creates screenings and cases, reads only its own. */
    INTAKE,
    /** Screens people, works cases and tasks. */
    CASEWORKER,
    /** A caseworker who also takes escalations. */
    SUPERVISOR,
    /** Reads the audit trail, with personal data redacted; changes nothing. */
    AUDITOR,
    /** Manages the provider directory and operates the service. */
    ADMIN,
    /**
     * A user of one provider organisation (issue 12): sees and answers only the referrals sent to it. Bound to the
     * organisation by the token's provider claim or the demo user's setting ({@link CurrentActor#providerOrganisation}).
     */
    PROVIDER,
    /**
     * A program manager or funder (issue 13): reads the aggregate reports only — counts with small cells
     * suppressed — and no decision, case or person.
     */
    PROGRAM_MANAGER;

    /** The demo user's name (and password) on the embedded default: e.g. {@code program-manager}. */
    public String demoUserName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public String authority() {
        return "ROLE_" + name();
    }
}
