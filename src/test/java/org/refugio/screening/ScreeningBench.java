package org.refugio.screening;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.refugio.api.model.ScreeningDecision;
import org.refugio.api.model.ScreeningFacts;
import org.refugio.eligibility.Evaluation;
import org.refugio.ruleset.Ruleset;

/** What ScreeningService does between the HTTP layer and the database, for the benchmarks. */
public final class ScreeningBench {

    private ScreeningBench() {
    }

    public static Evaluation evaluate(Ruleset ruleset, ScreeningFacts facts, LocalDate today) {
        LocalDate asOf = FactsMapper.asOfDate(facts, today);
        return ruleset.engine().evaluate(FactsMapper.map(facts, asOf));
    }

    public static ScreeningDecision decide(Ruleset ruleset, ScreeningFacts facts, LocalDate today, UUID id,
                                           Instant decidedAt) {
        LocalDate asOf = FactsMapper.asOfDate(facts, today);
        Evaluation evaluation = ruleset.engine().evaluate(FactsMapper.map(facts, asOf));
        return DecisionMapper.toDecision(id, decidedAt, asOf, ruleset, evaluation);
    }
}
