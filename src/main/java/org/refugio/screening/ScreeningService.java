package org.refugio.screening;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.refugio.api.model.ScreeningDecision;
import org.refugio.api.model.ScreeningFacts;
import org.refugio.eligibility.Evaluation;
import org.refugio.eligibility.facts.CaseFacts;
import org.refugio.ruleset.Ruleset;
import org.refugio.ruleset.Rulesets;
import org.refugio.security.Actor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The screening capability: applies the ruleset in force to one person's facts as of the screening date,
 * and stores the decision with the facts and the exact ruleset that made it.
 */
@Service
public class ScreeningService {

    private final Rulesets rulesets;
    private final ScreeningRepository repository;
    private final ObjectMapper json;
    private final Clock clock;

    public ScreeningService(Rulesets rulesets, ScreeningRepository repository, ObjectMapper json, Clock clock) {
        this.rulesets = rulesets;
        this.repository = repository;
        this.json = json;
        this.clock = clock;
    }

    /**
     * @throws InvalidFactsException when a fact breaks the fact model; nothing is stored then
     */
    @Transactional
    public ScreeningDecision screen(ScreeningFacts facts, Actor actor) {
        LocalDate asOf = FactsMapper.asOfDate(facts, LocalDate.now(clock));
        CaseFacts caseFacts = FactsMapper.map(facts, asOf);
        Ruleset ruleset = rulesets.current();
        Evaluation evaluation = ruleset.engine().evaluate(caseFacts);
        UUID id = UUID.randomUUID();
        Instant decidedAt = clock.instant();
        ScreeningDecision decision = DecisionMapper.toDecision(id, decidedAt, asOf, ruleset, evaluation);
        ScreeningFacts recorded = facts.asOfDate(asOf);
        repository.insert(id, decidedAt, asOf, ruleset.version(), ruleset.sha256(), actor.id(), write(recorded),
                write(decision),
                decision.getPrograms().stream()
                        .map(p -> new ScreeningRepository.ProgramRow(p.getProgram().getValue(), p.getStatus().getValue()))
                        .toList());
        return decision;
    }

    /** A stored decision, if this actor may see it: an intake system sees only what it created. */
    public Optional<ScreeningDecision> find(UUID id, Actor actor) {
        return repository.find(id)
                .filter(stored -> !actor.seesOnlyOwnRecords() || actor.id().equals(stored.createdBy()))
                .map(stored -> read(stored.decisionJson()));
    }

    /** Evaluates without storing anything: for benchmarks and for what-if checks. */
    public Evaluation evaluate(ScreeningFacts facts) {
        LocalDate asOf = FactsMapper.asOfDate(facts, LocalDate.now(clock));
        return rulesets.current().engine().evaluate(FactsMapper.map(facts, asOf));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a decision could not be serialised", e);
        }
    }

    private ScreeningDecision read(String stored) {
        try {
            return json.readValue(stored, ScreeningDecision.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored decision could not be read", e);
        }
    }
}
