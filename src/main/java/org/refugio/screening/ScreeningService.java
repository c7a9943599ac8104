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

    /** A stored decision with the facts that made it (asOfDate filled in) and the facts as the rules read them. */
    public record Screened(ScreeningDecision decision, ScreeningFacts facts, CaseFacts caseFacts) { }

    /**
     * @throws InvalidFactsException when a fact breaks the fact model; nothing is stored then
     */
    @Transactional
    public ScreeningDecision screen(ScreeningFacts facts, Actor actor) {
        return screenAndKeep(facts, actor).decision();
    }

    /** Screens and stores like {@link #screen}, and also answers with the facts as the rules read them. */
    @Transactional
    public Screened screenAndKeep(ScreeningFacts facts, Actor actor) {
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
        return new Screened(decision, recorded, caseFacts);
    }

    /** A stored decision with its facts, e.g. for a case that adopts an earlier screening (seen as {@code find}). */
    public Optional<Screened> findScreened(UUID id, Actor actor) {
        return repository.find(id)
                .filter(stored -> !actor.seesOnlyOwnRecords() || actor.id().equals(stored.createdBy()))
                .map(stored -> {
            ScreeningFacts facts = read(stored.factsJson(), ScreeningFacts.class);
            return new Screened(read(stored.decisionJson(), ScreeningDecision.class), facts,
                    FactsMapper.map(facts, facts.getAsOfDate()));
        });
    }

    /**
     * Checks facts against the fact model without screening or storing anything.
     *
     * @throws InvalidFactsException naming every offending field
     */
    public void check(ScreeningFacts facts) {
        FactsMapper.map(facts, LocalDate.now(clock));
    }

    /** A stored decision, if this actor may see it: an intake system sees only what it created. */
    public Optional<ScreeningDecision> find(UUID id, Actor actor) {
        return repository.find(id)
                .filter(stored -> !actor.seesOnlyOwnRecords() || actor.id().equals(stored.createdBy()))
                .map(stored -> read(stored.decisionJson(), ScreeningDecision.class));
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

    private <T> T read(String stored, Class<T> type) {
        try {
            return json.readValue(stored, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored decision could not be read", e);
        }
    }
}
