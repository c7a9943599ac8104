package org.refugio.eligibility.drools;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.rule.AgendaFilter;
import org.refugio.eligibility.Combiner;
import org.refugio.eligibility.DerivativeClass;
import org.refugio.eligibility.EligibilityEngine;
import org.refugio.eligibility.Evaluation;
import org.refugio.eligibility.IncomeTests;
import org.refugio.eligibility.PovertyGuidelines;
import org.refugio.eligibility.Program;
import org.refugio.eligibility.ProgramStructure;
import org.refugio.eligibility.RuleInfo;
import org.refugio.eligibility.facts.CaseFacts;
import org.refugio.eligibility.facts.CriterionStatus;
import org.refugio.eligibility.facts.DerivativeStatus;
import org.refugio.eligibility.facts.FamilyMember;
import org.refugio.eligibility.facts.IncomeTest;
import org.refugio.eligibility.facts.ProgramStatus;

/**
 * The ruleset's DRL files compiled once into a KieBase; one short-lived session per evaluation. Stages run
 * in the order of programs.yaml; after each stage the programs it decided are combined (G-02) and inserted as
 * facts for the stages that depend on them. Rules are chosen by the screening's asOfDate through their
 * metadata, never by Drools' wall-clock {@code date-effective}.
 */
public final class DroolsEligibilityEngine implements EligibilityEngine {

    private static final String DECIDES_RELATIVE = "relative";
    private static final String DECIDES_REFERRAL = "referral";
    private static final String INFORMS = "informs";
    private static final String DERIVES = "derives";
    private static final String DERIVATIVE_PREFIX = "derivative ";

    /**
     * At most one evaluation per processor, across every ruleset of the JVM. Measured (BENCHMARKS.md, issue 14):
     * 16 threads evaluating at once on 2 cores evaluate 2,600/s, 2 threads 7,200/s; the rest only thrash the
     * caches between sessions. A request waits here, parked, for the next free processor.
     */
    private static final Semaphore PROCESSORS = new Semaphore(Runtime.getRuntime().availableProcessors());

    private final KieBase kieBase;
    private final KieSessionsPool sessions;
    private final Map<String, RuleInfo> rules;
    private final ProgramStructure structure;
    private final PovertyGuidelines guidelines;
    private final Combiner combiner;
    /** Criteria some rule reads as a CriterionStatus; only those are published between stages. */
    private final Set<String> readByRules;

    public DroolsEligibilityEngine(Map<String, String> drlByPath, ProgramStructure structure,
                                   PovertyGuidelines guidelines) {
        this.structure = structure;
        this.guidelines = guidelines;
        this.combiner = new Combiner(structure);
        this.readByRules = criteriaReadByRules(drlByPath.values());
        this.kieBase = compile(drlByPath);
        this.rules = describe(kieBase, structure);
        // Pooled sessions are reset on dispose: cheaper than building one per screening.
        this.sessions = kieBase.newKieSessionsPool(Runtime.getRuntime().availableProcessors() * 2);
    }

    @Override
    public Evaluation evaluate(CaseFacts facts) {
        LocalDate asOf = facts.screening().asOfDate();
        AgendaFilter inForce = match -> {
            RuleInfo rule = rules.get(match.getRule().getName());
            // K-26: never today's rule, silently, for a date whose rules are not encoded.
            return rule.inForceOn(asOf)
                    && structure.encoded(rule.program(), rule.criterion(), rule.effectiveUntil(), asOf);
        };
        PROCESSORS.acquireUninterruptibly();
        KieSession session = sessions.newKieSession();
        try {
            SessionDecisions decisions = new SessionDecisions(rules);
            session.setGlobal("decisions", decisions);
            insertFacts(session, facts);
            for (String stage : structure.stages()) {
                session.getAgenda().getAgendaGroup(stage).setFocus();
                session.fireAllRules(inForce);
                publish(stage, session, decisions, facts.family());
            }
            return combiner.evaluation(decisions, facts.family().stream().map(FamilyMember::id).toList());
        } finally {
            session.dispose();
            PROCESSORS.release();
        }
    }

    @Override
    public List<RuleInfo> rules() {
        return List.copyOf(rules.values());
    }

    private void insertFacts(KieSession session, CaseFacts facts) {
        session.insert(facts.screening());
        session.insert(facts.person());
        facts.victimizations().forEach(session::insert);
        facts.departures().forEach(session::insert);
        session.insert(facts.lawEnforcement());
        session.insert(facts.tProcess());
        facts.hardshipFactors().forEach(session::insert);
        session.insert(facts.admissibility());
        facts.grounds().forEach(session::insert);
        session.insert(facts.uVisa());
        facts.family().forEach(session::insert);
        session.insert(facts.hhs());
        session.insert(facts.money());
        for (IncomeTest test : IncomeTests.of(facts.money(), guidelines, facts.screening().asOfDate())) {
            session.insert(test);
        }
        facts.legalMatters().forEach(session::insert);
        session.insert(facts.mexico());
        session.insert(facts.derivativeOf());
        session.insert(facts.usCitizenRelative());
    }

    /** Makes what a stage decided visible to the stages after it. */
    private void publish(String stage, KieSession session, SessionDecisions decisions, List<FamilyMember> family) {
        for (Program program : Program.values()) {
            ProgramStructure.Spec spec = structure.spec(program);
            if (!spec.stage().equals(stage)) {
                continue;
            }
            Evaluation.ProgramOutcome outcome = combiner.program(program, decisions);
            for (Evaluation.CriterionOutcome criterion : outcome.criteria()) {
                if (!readByRules.contains(criterion.criterion())) {
                    continue;
                }
                session.insert(new CriterionStatus(program, criterion.criterion(), null, criterion.status()));
                for (var bySubject : criterion.bySubject().entrySet()) {
                    if (bySubject.getKey() != null) {
                        session.insert(new CriterionStatus(program, criterion.criterion(), bySubject.getKey(),
                                bySubject.getValue()));
                    }
                }
            }
            session.insert(new ProgramStatus(program, outcome.status(), outcome.scope()));
        }
        for (DerivativeClass derivativeClass : DerivativeClass.values()) {
            if (!structure.spec(derivativeClass).stage().equals(stage)) {
                continue;
            }
            for (FamilyMember member : family) {
                if (decisions.candidates(member.id()).contains(derivativeClass)) {
                    var outcome = combiner.derivativeClass(member.id(), derivativeClass, decisions);
                    session.insert(new DerivativeStatus(member.id(), derivativeClass, outcome.status()));
                }
            }
        }
    }

    static String key(Rule rule) {
        return DrlCompiler.key(rule);
    }

    private static Set<String> criteriaReadByRules(Collection<String> drl) {
        Set<String> criteria = new HashSet<>();
        Matcher m = Pattern.compile("criterion\\s*==\\s*\"([^\"]+)\"").matcher(String.join("\n", drl));
        while (m.find()) {
            criteria.add(m.group(1));
        }
        return criteria;
    }

    private static KieBase compile(Map<String, String> drlByPath) {
        return DrlCompiler.compile(drlByPath);
    }

    private static Map<String, RuleInfo> describe(KieBase kieBase, ProgramStructure structure) {
        Map<String, RuleInfo> rules = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                try {
                    if (rules.containsKey(rule.getName())) {
                        throw new IllegalArgumentException("another rule has the same name");
                    }
                    rules.put(rule.getName(), info(rule, structure));
                } catch (IllegalArgumentException e) {
                    problems.add("rule \"" + rule.getName() + "\": " + e.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the ruleset's metadata is invalid:\n  " + String.join("\n  ", problems));
        }
        return rules;
    }

    private static RuleInfo info(Rule rule, ProgramStructure structure) {
        Map<String, Object> meta = rule.getMetaData();
        String ruleId = required(meta, "ruleId");
        String tag = DrlCompiler.tag(meta);
        String stage = DrlCompiler.stage(rule);
        if (meta.containsKey(INFORMS)) {
            return informational(rule, meta, ruleId, tag, stage, structure);
        }
        if (meta.containsKey(DERIVES)) {
            return derivation(rule, meta, ruleId, tag, stage, structure);
        }
        String decides = required(meta, "decides");
        String criterion = text(meta, "criterion", RuleInfo.baseId(ruleId));
        String element = text(meta, "element", RuleInfo.baseId(ruleId));
        Program program = null;
        DerivativeClass derivative = null;
        if (decides.startsWith(DERIVATIVE_PREFIX)) {
            derivative = DerivativeClass.valueOf(decides.substring(DERIVATIVE_PREFIX.length()));
            expect(stage, structure.spec(derivative).stage(), criterion, structure.spec(derivative));
        } else if (decides.equals(DECIDES_REFERRAL)) {
            if (!stage.equals(structure.referralStage())) {
                throw new IllegalArgumentException("referral rules belong to ruleflow-group " + structure.referralStage());
            }
        } else if (!decides.equals(DECIDES_RELATIVE)) {
            program = Program.valueOf(decides);
            expect(stage, structure.spec(program).stage(), criterion, structure.spec(program));
        }
        String file = DrlCompiler.file(rule);
        return new RuleInfo(rule.getName(), ruleId, program, derivative, criterion, element, tag,
                date(meta, "effective"), date(meta, "until"), stage, file, DrlCompiler.amendments(meta));
    }

    /**
     * K-28: an informational rule ({@code @informs("T1_PRINCIPAL")}, or {@code @informs("referral")}) attaches notes to
     * a result once that result is known, so it runs in the result's stage or a later one, and decides nothing.
     */
    private static RuleInfo informational(Rule rule, Map<String, Object> meta, String ruleId, String tag, String stage,
                                          ProgramStructure structure) {
        if (meta.containsKey("decides") || meta.containsKey("criterion") || meta.containsKey("element")) {
            throw new IllegalArgumentException("an @informs rule decides nothing: no @decides, @criterion or @element");
        }
        String informs = text(meta, INFORMS, null);
        Program program = null;
        String resultStage = structure.referralStage();
        if (!informs.equals(DECIDES_REFERRAL)) {
            program = Program.valueOf(informs);
            resultStage = structure.spec(program).stage();
        }
        if (structure.stages().indexOf(stage) < structure.stages().indexOf(resultStage)) {
            throw new IllegalArgumentException("informs " + informs + ", which is only known after stage \""
                    + resultStage + "\"");
        }
        return new RuleInfo(rule.getName(), ruleId, program, null, null, null, tag, date(meta, "effective"),
                date(meta, "until"), stage, DrlCompiler.file(rule), DrlCompiler.amendments(meta), true);
    }

    /**
     * A rule that derives a fact other rules read ({@code @derives("DerivativeTiming")}): what the law makes of ages
     * and dates (TD-01, TD-05, TD-07, TD-08). It decides nothing, and runs in a stage before every program's, so
     * that every rule reading what it derives sees it.
     */
    private static RuleInfo derivation(Rule rule, Map<String, Object> meta, String ruleId, String tag, String stage,
                                       ProgramStructure structure) {
        if (meta.containsKey("decides") || meta.containsKey("criterion") || meta.containsKey("element")) {
            throw new IllegalArgumentException("a @derives rule decides nothing: no @decides, @criterion or @element");
        }
        int first = structure.stages().size();
        for (Program p : Program.values()) {
            first = Math.min(first, structure.stages().indexOf(structure.spec(p).stage()));
        }
        if (structure.stages().indexOf(stage) < 0 || structure.stages().indexOf(stage) >= first) {
            throw new IllegalArgumentException("a @derives rule runs in a stage before every program's, not \""
                    + stage + "\"");
        }
        return new RuleInfo(rule.getName(), ruleId, null, null, null, null, tag, date(meta, "effective"),
                date(meta, "until"), stage, DrlCompiler.file(rule), DrlCompiler.amendments(meta));
    }

    private static void expect(String stage, String specStage, String criterion, ProgramStructure.Spec spec) {
        if (!stage.equals(specStage)) {
            throw new IllegalArgumentException("belongs to ruleflow-group \"" + specStage + "\", not \"" + stage + "\"");
        }
        if (!spec.criteria().containsKey(criterion)) {
            throw new IllegalArgumentException("criterion " + criterion + " is not listed in programs.yaml");
        }
    }

    private static String required(Map<String, Object> meta, String key) {
        return DrlCompiler.required(meta, key);
    }

    private static String text(Map<String, Object> meta, String key, String otherwise) {
        return DrlCompiler.text(meta, key, otherwise);
    }

    private static LocalDate date(Map<String, Object> meta, String key) {
        return DrlCompiler.date(meta, key);
    }
}
