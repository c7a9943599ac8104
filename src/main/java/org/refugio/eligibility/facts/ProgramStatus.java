package org.refugio.eligibility.facts;

import org.refugio.eligibility.Program;
import org.refugio.eligibility.Status;

/** A program decided in an earlier stage, as later stages see it (e.g. HHS-C-01 reads T1-OUT). */
public record ProgramStatus(Program program, Status status) { }
