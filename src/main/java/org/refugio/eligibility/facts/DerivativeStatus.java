package org.refugio.eligibility.facts;

import org.refugio.eligibility.DerivativeClass;
import org.refugio.eligibility.Status;

/** A relative's value in one derivative class, decided before T-6 looks at it (TD-04). */
public record DerivativeStatus(String memberId, DerivativeClass derivativeClass, Status status) { }
