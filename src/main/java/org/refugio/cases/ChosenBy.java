package org.refugio.cases;

/** Who picked the provider of a referral. */
public enum ChosenBy {
    RULES, CASEWORKER, SUPERVISOR
}
