package org.refugio.eligibility.facts;

/** Form I-914 or Supplement A. */
public enum ApplicationStatus {
    NOT_FILED,
    PENDING,
    APPROVED,
    DENIED
}
