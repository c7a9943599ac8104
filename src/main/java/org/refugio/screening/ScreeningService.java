package org.refugio.screening;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.refugio.api.model.CriterionResult;
import org.refugio.api.model.DerivativeClassResult;
import org.refugio.api.model.DerivativeResult;
import org.refugio.api.model.ProgramResult;
import org.refugio.api.model.ScreeningDecision;
import org.refugio.api.model.ScreeningFacts;
import org.refugio.config.EngineBuild;
import org.refugio.eligibility.Evaluation;
import org.refugio.eligibility.facts.CaseFacts;
import org.refugio.problem.GoneException;
import org.refugio.ruleset.Ruleset;
import org.refugio.ruleset.Rulesets;
import org.refugio.security.Actor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The screening capability: applies the ruleset in force to one person's facts as of the screening date,
 * and stores the decision with the facts and the exact ruleset (and engine build) that made it.
 */
@Service
public class ScreeningService {

    private final Rulesets rulesets;
    private final ScreeningRepository repository;
    private final ObjectMapper json;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final EngineBuild engine;

    public ScreeningService(Rulesets rulesets, ScreeningRepository repository, ObjectMapper json, Clock clock,
                            ApplicationEventPublisher events, EngineBuild engine) {
        this.rulesets = rulesets;
        this.engine = engine;
        this.repository = repository;
        this.json = json;
        this.clock = clock;
        this.events = events;
    }

    /** A stored decision with the facts that made it (asOfDate filled in) and the facts as the rules read them. */
    public record Screened(ScreeningDecision decision, ScreeningFacts facts, CaseFacts caseFacts) { }

    /** A stored decision as the database holds it: the texts are what the audit digests were computed over. */
    public record Stored(UUID id, String factsJson, String decisionJson, String rulesetVersion, String rulesetSha256,
                         String engineBuild, Instant purgedAt) {

        /** True when the retention policy erased its facts and decision text (both null then). */
        public boolean purged() {
            return purgedAt != null;
        }
    }

    /** What a request for a purged decision answers: 410 Gone. */
    public static GoneException purgedError(UUID id) {
        return new GoneException("Screening decision " + id + " was purged under the retention policy: its facts and"
                + " decision are no longer stored.");
    }

    /**
     * Decides and stores. The {@link ScreeningDecided} event is handled (by the audit trail) inside this
     * transaction, so a decision is never stored without its audit record.
     *
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
        ScreeningFacts recorded = facts.asOfDate(asOf);
        Ruleset ruleset = rulesets.current();
        CaseFacts used = FactsMapper.map(recorded, asOf);
        ScreeningDecision decision = decide(UUID.randomUUID(), clock.instant(), asOf, used, ruleset);
        String factsJson = write(recorded);
        String decisionJson = write(decision);
        repository.insert(decision.getId(), decision.getDecidedAt().toInstant(), asOf, ruleset.version(),
                ruleset.sha256(), engine.id().orElse(null), actor.id(), factsJson, decisionJson,
                decision.getPrograms().stream()
                        .map(p -> new ScreeningRepository.ProgramRow(p.getProgram().getValue(), p.getStatus().getValue()))
                        .toList(),
                rulesFired(decision));
        events.publishEvent(new ScreeningDecided(decision, recorded, factsJson, decisionJson, actor.id()));
        return new Screened(decision, recorded, used);
    }

    /** A stored decision with its facts, e.g. for a case that adopts an earlier screening (seen as {@code find}). */
    public Optional<Screened> findScreened(UUID id, Actor actor) {
        return repository.find(id)
                .filter(stored -> !actor.seesOnlyOwnRecords() || actor.id().equals(stored.createdBy()))
                .filter(stored -> !stored.purged())
                .map(stored -> {
                    ScreeningFacts facts = readFacts(stored.factsJson());
                    return new Screened(read(stored.decisionJson()), facts, factsAsUsed(facts));
                });
    }

    /**
     * Decides without storing anything, with explanations in both languages: what the guided screening shows after
     * each step. Nothing is stored and nothing is audited until the caseworker saves (then {@link #screen}).
     *
     * @throws InvalidFactsException when a fact breaks the fact model
     */
    public ScreeningDecision preview(ScreeningFacts facts) {
        LocalDate asOf = FactsMapper.asOfDate(facts, LocalDate.now(clock));
        ScreeningFacts recorded = facts.asOfDate(asOf);
        return decide(UUID.randomUUID(), clock.instant(), asOf, FactsMapper.map(recorded, asOf), rulesets.current());
    }

    /**
     * Checks facts against the fact model without screening or storing anything.
     *
     * @throws InvalidFactsException naming every offending field
     */
    public void check(ScreeningFacts facts) {
        FactsMapper.map(facts, LocalDate.now(clock));
    }

    /**
     * The decision a ruleset makes on stored facts, without storing anything: what screen() stores, and what a
     * replay recomputes with the ruleset of the day.
     *
     * @param facts facts carrying their asOfDate, as stored
     */
    public ScreeningDecision decide(UUID id, Instant decidedAt, ScreeningFacts facts, Ruleset ruleset) {
        LocalDate asOf = FactsMapper.asOfDate(facts, LocalDate.now(clock));
        return decide(id, decidedAt, asOf, FactsMapper.map(facts, asOf), ruleset);
    }

    private static ScreeningDecision decide(UUID id, Instant decidedAt, LocalDate asOf, CaseFacts used,
                                            Ruleset ruleset) {
        return DecisionMapper.toDecision(id, decidedAt, asOf, ruleset, ruleset.engine().evaluate(used));
    }

    /**
     * A stored decision, if this actor may see it: an intake system sees only what it created. Empty for a decision
     * purged under the retention policy ({@link #isPurged} tells them apart from unknown ids).
     */
    public Optional<ScreeningDecision> find(UUID id, Actor actor) {
        return repository.find(id)
                .filter(stored -> !actor.seesOnlyOwnRecords() || actor.id().equals(stored.createdBy()))
                .filter(stored -> !stored.purged())
                .map(stored -> read(stored.decisionJson()));
    }

    /** True when the decision exists, this actor may see it, and the retention policy purged it. */
    public boolean isPurged(UUID id, Actor actor) {
        return repository.find(id)
                .filter(stored -> !actor.seesOnlyOwnRecords() || actor.id().equals(stored.createdBy()))
                .map(ScreeningRepository.StoredDecision::purged).orElse(false);
    }

    /**
     * Purges one decision under the retention policy: its facts and decision text are erased, its id, dates,
     * ruleset, program outcomes and rules fired stay. Runs in the caller's transaction, which also records the
     * purge in the audit trail (the record that lets the chain verify without the facts).
     *
     * @return true if this call purged it, false if it was already purged (or does not exist)
     */
    @Transactional
    public boolean purge(UUID id, Instant at) {
        return repository.purge(id, at);
    }

    /** Evaluates without storing anything: for benchmarks and for what-if checks. */
    public Evaluation evaluate(ScreeningFacts facts) {
        return evaluate(facts, rulesets.current());
    }

    /** Evaluates stored facts with any ruleset, without explanations: the fast path of impact analyses. */
    public Evaluation evaluate(ScreeningFacts facts, Ruleset ruleset) {
        LocalDate asOf = FactsMapper.asOfDate(facts, LocalDate.now(clock));
        return ruleset.engine().evaluate(FactsMapper.map(facts, asOf));
    }

    /** The facts the rules read, derived from stored facts exactly as for the decision. */
    public CaseFacts factsAsUsed(ScreeningFacts facts) {
        return FactsMapper.map(facts, FactsMapper.asOfDate(facts, LocalDate.now(clock)));
    }

    public Optional<Stored> stored(UUID id) {
        return repository.find(id).map(d -> new Stored(d.id(), d.factsJson(), d.decisionJson(), d.rulesetVersion(),
                d.rulesetSha256(), d.engineBuild(), d.purgedAt()));
    }

    public ScreeningFacts readFacts(String stored) {
        try {
            return json.readValue(stored, ScreeningFacts.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored facts could not be read", e);
        }
    }

    public ScreeningDecision readDecision(String stored) {
        return read(stored);
    }

    /** Every rule ID that decided a criterion, a relative's class or the referral. */
    static TreeSet<String> rulesFired(ScreeningDecision decision) {
        TreeSet<String> ids = new TreeSet<>();
        for (ProgramResult p : each(decision.getPrograms())) {
            each(p.getCriteria()).stream().map(CriterionResult::getRuleId).forEach(ids::add);
        }
        for (DerivativeResult d : each(decision.getDerivatives())) {
            each(d.getCriteria()).stream().map(CriterionResult::getRuleId).forEach(ids::add);
            for (DerivativeClassResult c : each(d.getClassesConsidered())) {
                each(c.getCriteria()).stream().map(CriterionResult::getRuleId).forEach(ids::add);
            }
        }
        if (decision.getLegalAidReferral() != null) {
            ids.addAll(each(decision.getLegalAidReferral().getRuleIds()));
        }
        return ids;
    }

    private static <T> java.util.List<T> each(java.util.List<T> list) {
        return list == null ? java.util.List.of() : list;
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
