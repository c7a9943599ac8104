package org.refugio.routing.drools;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.AgendaFilter;
import org.refugio.eligibility.RuleInfo;
import org.refugio.eligibility.drools.DrlCompiler;
import org.refugio.routing.AlreadyAsked;
import org.refugio.routing.FundingRoute;
import org.refugio.routing.Ranking;
import org.refugio.routing.ProviderChoice;
import org.refugio.routing.ProviderMatcher;
import org.refugio.routing.ProviderProfile;
import org.refugio.routing.RoutingFacts;
import org.refugio.routing.RoutingReason;

/**
 * The provider-choice DRL compiled once; one short-lived session per match. The rules decide which providers
 * the law and the case allow and what favours each; this class orders the suitable ones as the ruleset's
 * routing/ranking.yaml says (K-24: the target first, then the person's language, ...), ties last by name and id.
 */
public final class DroolsProviderMatcher implements ProviderMatcher {

    /** The ruleflow-group every provider-choice rule belongs to; screenings never focus it. */
    public static final String STAGE = "provider-choice";
    private static final String DECIDES = "provider";

    private final KieBase kieBase;
    private final Map<String, RuleInfo> rules;
    private final Ranking ranking;

    public DroolsProviderMatcher(Map<String, String> drlByPath, Ranking ranking) {
        this.ranking = ranking;
        this.kieBase = DrlCompiler.compile(drlByPath);
        this.rules = describe(kieBase);
    }

    @Override
    public ProviderChoice choose(RoutingFacts facts, Collection<ProviderProfile> providers,
                                 Collection<UUID> alreadyAsked, LocalDate asOf) {
        AgendaFilter inForce = match -> rules.get(DrlCompiler.key(match.getRule())).inForceOn(asOf);
        MatchDecisions decisions = new MatchDecisions(rules, providers);
        KieSession session = kieBase.newKieSession();
        try {
            session.setGlobal("decisions", decisions);
            session.insert(facts);
            providers.forEach(session::insert);
            alreadyAsked.forEach(id -> session.insert(new AlreadyAsked(id)));
            session.getAgenda().getAgendaGroup(STAGE).setFocus();
            session.fireAllRules(inForce);
        } finally {
            session.dispose();
        }
        List<ProviderChoice.Candidate> ranked = new ArrayList<>();
        List<ProviderChoice.Excluded> excluded = new ArrayList<>();
        for (MatchDecisions.Verdict v : decisions.verdicts()) {
            FundingRoute best = v.routes.stream().min(Comparator.comparingInt(FundingRoute::rank)).orElse(null);
            if (!v.exclusions.isEmpty() || best == null) {
                excluded.add(new ProviderChoice.Excluded(v.provider, best == null ? null : best.target(),
                        List.copyOf(v.exclusions)));
                continue;
            }
            List<RoutingReason> reasons = new ArrayList<>();
            reasons.add(v.routeReasons.get(v.routes.indexOf(best)));
            reasons.addAll(v.preferenceReasons);
            ranked.add(new ProviderChoice.Candidate(v.provider, best.target(), best.tier(), best.rank(),
                    java.util.Set.copyOf(v.preferences), List.copyOf(reasons)));
        }
        ranked.sort(ranking.comparator());
        return new ProviderChoice(ranked, excluded);
    }

    @Override
    public List<RuleInfo> rules() {
        return List.copyOf(rules.values());
    }

    private static Map<String, RuleInfo> describe(KieBase kieBase) {
        Map<String, RuleInfo> rules = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                try {
                    rules.put(DrlCompiler.key(rule), info(rule));
                } catch (IllegalArgumentException e) {
                    problems.add("rule \"" + rule.getName() + "\": " + e.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the provider-choice rules' metadata is invalid:\n  "
                    + String.join("\n  ", problems));
        }
        return rules;
    }

    private static RuleInfo info(Rule rule) {
        Map<String, Object> meta = rule.getMetaData();
        String ruleId = DrlCompiler.required(meta, "ruleId");
        String tag = DrlCompiler.tag(meta);
        if (!DECIDES.equals(DrlCompiler.required(meta, "decides"))) {
            throw new IllegalArgumentException("provider-choice rules declare @decides(\"" + DECIDES + "\")");
        }
        String stage = DrlCompiler.stage(rule);
        if (!STAGE.equals(stage)) {
            throw new IllegalArgumentException("belongs to ruleflow-group \"" + STAGE + "\", not \"" + stage + "\"");
        }
        return new RuleInfo(rule.getName(), ruleId, null, null, RuleInfo.baseId(ruleId), RuleInfo.baseId(ruleId), tag,
                DrlCompiler.date(meta, "effective"), DrlCompiler.date(meta, "until"), stage, DrlCompiler.file(rule),
                DrlCompiler.amendments(meta));
    }
}
