package org.refugio.eligibility;

import java.time.LocalDate;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How each program is assembled from its criteria (rules/programs.yaml): the stage in which it is decided
 * and, per criterion, whether it needs every subject or any one of them.
 *
 * <p>A criterion's value is built in three levels (G-02): rows of one element are alternatives (best),
 * a subject needs every element (worst), and subjects combine as the criterion says. A program needs every
 * criterion (worst). A listed criterion that no rule decided is unknown, never "no".
 */
public record ProgramStructure(List<String> stages, String referralStage,
                               Map<Program, Spec> programs, Map<DerivativeClass, Spec> derivatives,
                               Map<String, LocalDate> encodedFrom) {

    /** A structure whose rules are encoded for every date. */
    public ProgramStructure(List<String> stages, String referralStage, Map<Program, Spec> programs,
                            Map<DerivativeClass, Spec> derivatives) {
        this(stages, referralStage, programs, derivatives, Map.of());
    }

    public enum Across {
        /** Every subject must meet the criterion (e.g. every departure needs an exception, T1-05). */
        ALL,
        /** One subject is enough (e.g. one victimization that is trafficking, TIP-08). */
        ANY
    }

    public record Spec(String stage, LinkedHashMap<String, Across> criteria) { }

    public ProgramStructure {
        programs = new EnumMap<>(programs);
        derivatives = new EnumMap<>(derivatives);
        encodedFrom = encodedFrom == null ? Map.of() : Map.copyOf(encodedFrom);
        for (Program p : Program.values()) {
            if (!programs.containsKey(p)) {
                throw new IllegalArgumentException("programs.yaml does not define program " + p);
            }
        }
        for (DerivativeClass c : DerivativeClass.values()) {
            if (!derivatives.containsKey(c)) {
                throw new IllegalArgumentException("programs.yaml does not define derivative class " + c);
            }
        }
    }

    /**
     * K-26: whether today's rules for a program's criterion may decide on this date. A program (key {@code U_VISA}) or
     * one of its criteria (key {@code LSC_LEGAL_AID/LSC-A-OUT}) may be encoded only from a date; before it, only a rule
     * written for the earlier time (its {@code @until} before that date) runs, and says the rules are not encoded.
     */
    public boolean encoded(Program program, String criterion, LocalDate effectiveUntil, LocalDate asOf) {
        if (program == null) {
            return true;
        }
        LocalDate from = encodedFrom.get(program.name() + "/" + criterion);
        if (from == null) {
            from = encodedFrom.get(program.name());
        }
        return from == null || !asOf.isBefore(from) || (effectiveUntil != null && effectiveUntil.isBefore(from));
    }

    public Spec spec(Program program) {
        return programs.get(program);
    }

    public Spec spec(DerivativeClass derivativeClass) {
        return derivatives.get(derivativeClass);
    }
}
