package org.refugio.eligibility.facts;

import org.refugio.eligibility.LscScope;
import org.refugio.eligibility.Program;
import org.refugio.eligibility.Status;

/**
 * A program decided in an earlier stage, as later stages see it (e.g. HHS-C-01 reads T1-OUT).
 *
 * @param scope the LSC scope for LSC_LEGAL_AID (FULL or RELATED), null otherwise
 */
public record ProgramStatus(Program program, Status status, LscScope scope) {

    public ProgramStatus(Program program, Status status) {
        this(program, status, null);
    }
}
