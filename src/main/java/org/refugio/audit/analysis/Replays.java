package org.refugio.audit.analysis;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.refugio.api.model.CriterionDifference;
import org.refugio.api.model.CriterionOutcomeBrief;
import org.refugio.api.model.CriterionResult;
import org.refugio.api.model.DerivativeClassResult;
import org.refugio.api.model.DerivativeResult;
import org.refugio.api.model.LegalAidReferral;
import org.refugio.api.model.ProgramDifference;
import org.refugio.api.model.ProgramResult;
import org.refugio.api.model.Replay;
import org.refugio.api.model.ReplayEngine;
import org.refugio.api.model.ReplayRun;
import org.refugio.api.model.RulesetRef;
import org.refugio.api.model.ScreeningDecision;
import org.refugio.api.model.ScreeningFacts;
import org.refugio.config.EngineBuild;
import org.refugio.problem.NotFoundException;
import org.refugio.ruleset.Ruleset;
import org.refugio.ruleset.Rulesets;
import org.refugio.screening.ScreeningService;
import org.springframework.stereotype.Service;

/**
 * Re-evaluates a stored decision with the ruleset it was made with (loaded by hash from the archive) and with the
 * current ruleset, through the same fact mapping and decision mapping as a new screening.
 */
@Service
public class Replays {

    static final String DERIVATIVE = "DERIVATIVE:";
    private static final int MAX_MISMATCHES = 100;

    private final ScreeningService screenings;
    private final Rulesets rulesets;
    private final ObjectMapper json;
    private final EngineBuild engine;

    Replays(ScreeningService screenings, Rulesets rulesets, ObjectMapper json, EngineBuild engine) {
        this.screenings = screenings;
        this.rulesets = rulesets;
        this.json = json;
        this.engine = engine;
    }

    Replay replay(UUID id) {
        ScreeningService.Stored stored = screenings.stored(id)
                .orElseThrow(() -> new NotFoundException("No screening decision has id " + id + "."));
        if (stored.purged()) {
            // Nothing left to replay: the facts were erased under the retention policy (410, not 404: it existed).
            throw ScreeningService.purgedError(id);
        }
        ScreeningFacts facts = screenings.readFacts(stored.factsJson());
        ScreeningDecision storedDecision = screenings.readDecision(stored.decisionJson());
        Ruleset original = rulesets.byHash(stored.rulesetSha256());
        Ruleset current = rulesets.current();
        var decidedAt = storedDecision.getDecidedAt().toInstant();
        ScreeningDecision then = screenings.decide(id, decidedAt, screenings.readFacts(stored.factsJson()), original);
        ScreeningDecision now = screenings.decide(id, decidedAt, facts, current);
        List<String> mismatches = new ArrayList<>();
        diff("", readTree(stored.decisionJson()), json.valueToTree(then), mismatches);
        return new Replay()
                .decisionId(id)
                .original(new ReplayRun().ruleset(ref(original)).decision(then))
                .current(new ReplayRun().ruleset(ref(current)).decision(now))
                .reproducesStoredDecision(mismatches.isEmpty())
                .mismatches(mismatches)
                .sameRuleset(original.sha256().equals(current.sha256()))
                .differences(differences(then, now))
                .engine(engine(stored.engineBuild(), engine.id().orElse(null), mismatches.isEmpty()));
    }

    /**
     * Which build made the decision and which replays it (issue 13 item 4). Whether they differ is left open when
     * either is not known: a build outside a git checkout cannot say what it was built from.
     */
    static ReplayEngine engine(String recorded, String current, boolean resultStillMatches) {
        return new ReplayEngine()
                .recorded(recorded)
                .current(current == null ? EngineBuild.UNKNOWN : current)
                .differs(recorded == null || current == null ? null : !recorded.equals(current))
                .resultStillMatches(resultStillMatches);
    }

    private JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a stored decision could not be read", e);
        }
    }

    private static RulesetRef ref(Ruleset r) {
        return new RulesetRef().version(r.version()).sha256(r.sha256());
    }

    /** Where two JSON trees differ, as JSON Pointers; the first {@value #MAX_MISMATCHES} only. */
    static void diff(String pointer, JsonNode a, JsonNode b, List<String> out) {
        if (out.size() >= MAX_MISMATCHES) {
            return;
        }
        if (a == null || b == null || a.getNodeType() != b.getNodeType()) {
            if (!Objects.equals(a, b)) {
                out.add(pointer.isEmpty() ? "/" : pointer);
            }
            return;
        }
        if (a.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                diff(pointer + "/" + name.replace("~", "~0").replace("/", "~1"), a.get(name), b.get(name), out);
            }
        } else if (a.isArray()) {
            int n = Math.max(a.size(), b.size());
            for (int i = 0; i < n; i++) {
                diff(pointer + "/" + i, a.get(i), b.get(i), out);
            }
        } else if (!a.equals(b)) {
            out.add(pointer.isEmpty() ? "/" : pointer);
        }
    }

    /** Per program (then relative, then referral): status and every criterion whose deciding rows differ. */
    static List<ProgramDifference> differences(ScreeningDecision before, ScreeningDecision after) {
        List<ProgramDifference> out = new ArrayList<>();
        Map<String, ProgramResult> afterPrograms = new LinkedHashMap<>();
        each(after.getPrograms()).forEach(p -> afterPrograms.put(p.getProgram().getValue(), p));
        Set<String> seen = new LinkedHashSet<>();
        for (ProgramResult b : each(before.getPrograms())) {
            String code = b.getProgram().getValue();
            seen.add(code);
            ProgramResult a = afterPrograms.get(code);
            add(out, code, b.getStatus().getValue(), a == null ? null : a.getStatus().getValue(),
                    b.getCriteria(), a == null ? null : a.getCriteria());
        }
        afterPrograms.forEach((code, a) -> {
            if (!seen.contains(code)) {
                add(out, code, null, a.getStatus().getValue(), null, a.getCriteria());
            }
        });
        Map<String, DerivativeResult> afterRelatives = new LinkedHashMap<>();
        each(after.getDerivatives()).forEach(d -> afterRelatives.put(d.getMemberId(), d));
        for (DerivativeResult b : each(before.getDerivatives())) {
            DerivativeResult a = afterRelatives.get(b.getMemberId());
            add(out, DERIVATIVE + b.getMemberId(), derivativeStatus(b), a == null ? null : derivativeStatus(a),
                    derivativeCriteria(b), a == null ? null : derivativeCriteria(a));
        }
        LegalAidReferral rb = before.getLegalAidReferral();
        LegalAidReferral ra = after.getLegalAidReferral();
        if (rb != null && ra != null) {
            List<CriterionResult> cb = referralRules(rb);
            List<CriterionResult> ca = referralRules(ra);
            add(out, "LEGAL_AID_REFERRAL", referralStatus(rb), referralStatus(ra), cb, ca);
        }
        return out;
    }

    private static void add(List<ProgramDifference> out, String program, String statusBefore, String statusAfter,
                            List<CriterionResult> before, List<CriterionResult> after) {
        Map<String, List<CriterionOutcomeBrief>> b = byCriterion(before);
        Map<String, List<CriterionOutcomeBrief>> a = byCriterion(after);
        Set<String> criteria = new LinkedHashSet<>(b.keySet());
        criteria.addAll(a.keySet());
        List<CriterionDifference> differing = new ArrayList<>();
        for (String criterion : criteria) {
            List<CriterionOutcomeBrief> x = b.getOrDefault(criterion, List.of());
            List<CriterionOutcomeBrief> y = a.getOrDefault(criterion, List.of());
            if (!x.equals(y)) {
                differing.add(new CriterionDifference().criterion(criterion).before(x).after(y));
            }
        }
        if (!differing.isEmpty() || !Objects.equals(statusBefore, statusAfter)) {
            out.add(new ProgramDifference().program(program).statusBefore(statusBefore).statusAfter(statusAfter)
                    .criteria(differing));
        }
    }

    private static Map<String, List<CriterionOutcomeBrief>> byCriterion(List<CriterionResult> results) {
        Map<String, List<CriterionOutcomeBrief>> map = new LinkedHashMap<>();
        for (CriterionResult c : each(results)) {
            map.computeIfAbsent(c.getCriterion() == null ? c.getRuleId() : c.getCriterion(), k -> new ArrayList<>())
                    .add(new CriterionOutcomeBrief().ruleId(c.getRuleId()).subject(c.getSubject()).status(c.getStatus())
                            .citation(c.getCitation()).verificationTag(c.getVerificationTag()));
        }
        return map;
    }

    private static String derivativeStatus(DerivativeResult d) {
        return d.getStatus().getValue() + (d.getPropertyClass() == null ? "" : " (" + d.getPropertyClass().getValue() + ")");
    }

    private static List<CriterionResult> derivativeCriteria(DerivativeResult d) {
        List<CriterionResult> all = new ArrayList<>(each(d.getCriteria()));
        for (DerivativeClassResult c : each(d.getClassesConsidered())) {
            for (CriterionResult r : each(c.getCriteria())) {
                all.add(new CriterionResult().criterion(c.getPropertyClass().getValue() + " " + r.getCriterion())
                        .ruleId(r.getRuleId()).subject(r.getSubject()).status(r.getStatus()).citation(r.getCitation())
                        .verificationTag(r.getVerificationTag()));
            }
        }
        return all;
    }

    private static String referralStatus(LegalAidReferral r) {
        return r.getTarget().getValue() + (Boolean.TRUE.equals(r.getUrgent()) ? " (urgent)" : "");
    }

    private static List<CriterionResult> referralRules(LegalAidReferral r) {
        List<CriterionResult> rules = new ArrayList<>();
        for (Iterator<String> it = each(r.getRuleIds()).iterator(); it.hasNext(); ) {
            rules.add(new CriterionResult().criterion("LA").ruleId(it.next()));
        }
        return rules;
    }

    private static <T> List<T> each(List<T> list) {
        return list == null ? List.of() : list;
    }
}
