package org.refugio.routing;

/**
 * How a provider is funded, which decides whom federal law lets it serve (45 CFR 1626, 1610; criteria LA-02).
 * A provider holding a subgrant of LSC funds counts as {@link #LSC} (1610.5(a), LSC-A-09).
 */
public enum FundingType {
    /** Receives Legal Services Corporation money: every one of its funds is bound by part 1626. */
    LSC,
    /** Takes no LSC money: federal law sets no immigration-status limit on its clients (LSC-00). */
    NON_LSC,
    /** A Mexican victim-advocacy or legal-aid organisation (MX-06). */
    MEXICAN
}
