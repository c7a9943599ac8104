package org.refugio.eligibility.facts;

/**
 * Relationship to a U.S. citizen with an adjustment application, 45 CFR 1626.5(b) (LSC-A-02; K-19). A K-00 branch
 * input: both fields are null when nothing was recorded.
 */
public record UsCitizenRelative(UsCitizenRelationship relationship, AdjustmentApplication adjustmentApplication) {

    public static final UsCitizenRelative UNKNOWN = new UsCitizenRelative(null, null);

    public boolean recorded() {
        return relationship != null || adjustmentApplication != null;
    }
}
