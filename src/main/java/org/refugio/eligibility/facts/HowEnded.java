package org.refugio.eligibility.facts;

/** T1-04(1)-(3). */
public enum HowEnded {
    ONGOING,
    ESCAPED_BEFORE_LEA,
    FREED_BY_LEA,
    ENDED_OTHERWISE
}
