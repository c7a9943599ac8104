package org.refugio.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.refugio.api.model.CriterionResult;
import org.refugio.api.model.DerivativeClassResult;
import org.refugio.api.model.DerivativeResult;
import org.refugio.api.model.LegalAidReferral;
import org.refugio.api.model.ProgramResult;
import org.refugio.api.model.ScreeningDecision;
import org.refugio.api.model.ScreeningFacts;
import org.refugio.config.EngineBuild;
import org.refugio.screening.ScreeningDecided;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns a screening decision into its audit record: the rules that decided every criterion with their citation
 * and verification tag, the outcome per program, relative and referral, and keyed digests of the stored facts
 * and decision. Relatives appear by their position in the request, never by the id the client gave them (it may
 * be a name); explanations, follow-up questions and deadlines (which can reveal a birthday) stay out.
 */
@Component
class ScreeningAudit {

    static final String ACTION = "SCREENING_DECIDED";
    private static final Pattern INDEXED_SUBJECT = Pattern.compile("[A-Za-z]+(/[A-Za-z]+)*/\\d+");

    private final AuditTrail trail;
    private final EngineBuild engine;

    ScreeningAudit(AuditTrail trail, EngineBuild engine) {
        this.trail = trail;
        this.engine = engine;
    }

    @EventListener
    void on(ScreeningDecided event) {
        ScreeningDecision decision = event.decision();
        Map<String, Object> detail = detail(decision, event.facts(), trail.digest(event.decisionJson()));
        // The build that decided, under the record's digest too (issue 13 item 4): the column can be rewritten, this cannot.
        engine.id().ifPresent(build -> detail.put("engineBuild", build));
        trail.record(AuditEntry.of(ACTION, decision.getId().toString())
                .withDecision(decision.getId())
                .withActor(event.actor())
                .withRuleset(decision.getRuleset().getVersion(), decision.getRuleset().getSha256())
                .withFactsDigest(trail.digest(event.factsJson()))
                .withDetail(detail));
    }

    static Map<String, Object> detail(ScreeningDecision decision, ScreeningFacts facts, String decisionDigest) {
        Map<String, Integer> memberIndex = new HashMap<>();
        if (facts.getFamily() != null) {
            for (int i = 0; i < facts.getFamily().size(); i++) {
                memberIndex.putIfAbsent(facts.getFamily().get(i).getId(), i);
            }
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("asOfDate", decision.getAsOfDate().toString());
        detail.put("decisionDigest", decisionDigest);
        List<Object> programs = new ArrayList<>();
        for (ProgramResult p : each(decision.getPrograms())) {
            Map<String, Object> program = new LinkedHashMap<>();
            program.put("program", p.getProgram().getValue());
            program.put("status", p.getStatus().getValue());
            program.put("reasonCode", p.getReasonCode() == null ? null : p.getReasonCode().getValue());
            program.put("scope", p.getScope() == null ? null : p.getScope().getValue());
            program.put("criteria", criteria(p.getCriteria(), memberIndex));
            programs.add(program);
        }
        detail.put("programs", programs);
        List<Object> derivatives = new ArrayList<>();
        for (DerivativeResult d : each(decision.getDerivatives())) {
            Map<String, Object> derivative = new LinkedHashMap<>();
            derivative.put("member", memberIndex.get(d.getMemberId()));
            derivative.put("class", d.getPropertyClass() == null ? null : d.getPropertyClass().getValue());
            derivative.put("status", d.getStatus().getValue());
            derivative.put("criteria", criteria(d.getCriteria(), memberIndex));
            List<Object> classes = new ArrayList<>();
            for (DerivativeClassResult c : each(d.getClassesConsidered())) {
                Map<String, Object> considered = new LinkedHashMap<>();
                considered.put("class", c.getPropertyClass().getValue());
                considered.put("status", c.getStatus().getValue());
                considered.put("criteria", criteria(c.getCriteria(), memberIndex));
                classes.add(considered);
            }
            derivative.put("classes", classes);
            derivatives.add(derivative);
        }
        detail.put("derivatives", derivatives);
        LegalAidReferral r = decision.getLegalAidReferral();
        if (r != null) {
            Map<String, Object> referral = new LinkedHashMap<>();
            referral.put("referred", r.getReferred());
            referral.put("target", r.getTarget().getValue());
            referral.put("scope", r.getScope() == null ? null : r.getScope().getValue());
            referral.put("urgent", r.getUrgent());
            referral.put("ruleIds", each(r.getRuleIds()));
            detail.put("referral", referral);
        }
        detail.put("tagsUsed", each(decision.getVerificationTagsUsed()).stream().map(t -> t.getValue()).toList());
        return detail;
    }

    private static List<Object> criteria(List<CriterionResult> results, Map<String, Integer> memberIndex) {
        List<Object> criteria = new ArrayList<>();
        for (CriterionResult c : each(results)) {
            Map<String, Object> criterion = new LinkedHashMap<>();
            criterion.put("criterion", c.getCriterion());
            criterion.put("ruleId", c.getRuleId());
            criterion.put("subject", subject(c.getSubject(), memberIndex));
            criterion.put("status", c.getStatus().getValue());
            criterion.put("decisive", c.getDecisive());
            criterion.put("citation", c.getCitation());
            criterion.put("tag", c.getVerificationTag().getValue());
            criteria.add(criterion);
        }
        return criteria;
    }

    /**
     * victimizations/0 and admissibility/grounds/1 stay; family/maria becomes family/#2; anything else (LSC
     * category names, named facts such as admissibility/ftoLinkedConduct) is left out.
     */
    static String subject(String subject, Map<String, Integer> memberIndex) {
        if (subject == null) {
            return null;
        }
        if (INDEXED_SUBJECT.matcher(subject).matches()) {
            return subject;
        }
        if (subject.startsWith("family/")) {
            Integer index = memberIndex.get(subject.substring("family/".length()));
            return index == null ? null : "family/#" + index;
        }
        return null;
    }

    private static <T> List<T> each(List<T> list) {
        return list == null ? List.of() : list;
    }
}
