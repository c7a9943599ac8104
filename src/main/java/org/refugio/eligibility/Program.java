package org.refugio.eligibility;

/** The programs every screening answers for, always all of them. */
public enum Program {
    TRAFFICKING_INDICATED,
    T1_PRINCIPAL,
    HHS_CERTIFICATION,
    HHS_ELIGIBILITY_LETTER,
    HHS_INTERIM_ASSISTANCE,
    TVAP_REFERRAL,
    TRAFFICKING_VICTIM_SERVICES,
    VOCA_SERVICES,
    CONTINUED_PRESENCE_REFERRAL,
    U_VISA,
    LSC_LEGAL_AID,
    MX_HUMANITARIAN_VISITOR,
    MX_VICTIM_RIGHTS
}
