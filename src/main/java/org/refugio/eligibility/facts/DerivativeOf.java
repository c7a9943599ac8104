package org.refugio.eligibility.facts;

/**
 * The person is a relative of a T-1 or U-1 principal and holds, seeks or may seek derivative status through that
 * principal (K-07, K-15). A K-00 branch input: every field is null when nothing was recorded.
 */
public record DerivativeOf(DerivativeProgram program, DerivativeRelationship relationship,
                           ApplicationStatus derivativeApplicationStatus, ApplicationStatus principalApplicationStatus,
                           Boolean principalUnder21AtFiling, Boolean principalCrimeInUsOrViolatedUsLaw) {

    public static final DerivativeOf UNKNOWN = new DerivativeOf(null, null, null, null, null, null);

    public boolean recorded() {
        return program != null || relationship != null || derivativeApplicationStatus != null
                || principalApplicationStatus != null || principalUnder21AtFiling != null
                || principalCrimeInUsOrViolatedUsLaw != null;
    }
}
