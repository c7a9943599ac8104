package org.refugio.eligibility.facts;

import java.time.LocalDate;

/** A TD-07 deadline emitted for a relative, visible to the referral's urgency rules (LA-03). */
public record DerivativeDeadline(String memberId, LocalDate date) { }
