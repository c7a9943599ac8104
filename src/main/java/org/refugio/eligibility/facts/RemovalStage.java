package org.refugio.eligibility.facts;

/** T1-01, U-10, LA-03. */
public enum RemovalStage {
    NONE,
    IN_PROCEEDINGS,
    FINAL_ORDER
}
