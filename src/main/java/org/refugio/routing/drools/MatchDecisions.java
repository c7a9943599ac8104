package org.refugio.routing.drools;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.kie.api.definition.rule.Rule;
import org.refugio.eligibility.RuleInfo;
import org.refugio.routing.FundingRoute;
import org.refugio.routing.Preference;
import org.refugio.routing.ProviderProfile;
import org.refugio.routing.RoutingReason;

/** What the provider-choice rules of one match say about each provider; the session's only global. */
public final class MatchDecisions {

    static final class Verdict {
        final ProviderProfile provider;
        final List<FundingRoute> routes = new ArrayList<>(2);
        final List<RoutingReason> routeReasons = new ArrayList<>(2);
        final List<RoutingReason> exclusions = new ArrayList<>(2);
        final Set<Preference> preferences = EnumSet.noneOf(Preference.class);
        final List<RoutingReason> preferenceReasons = new ArrayList<>(4);

        Verdict(ProviderProfile provider) {
            this.provider = provider;
        }
    }

    private final Map<String, RuleInfo> rules;
    private final Map<UUID, Verdict> verdicts = new LinkedHashMap<>();

    MatchDecisions(Map<String, RuleInfo> rules, Iterable<ProviderProfile> providers) {
        this.rules = rules;
        for (ProviderProfile p : providers) {
            verdicts.put(p.id(), new Verdict(p));
        }
    }

    RoutingReason reason(Rule rule, org.refugio.eligibility.Message explanation) {
        RuleInfo info = rules.get(org.refugio.eligibility.drools.DrlCompiler.key(rule));
        if (info == null) {
            throw new IllegalStateException("rule without metadata: " + rule.getName());
        }
        return new RoutingReason(info.ruleId(), info.name(), info.tag(), explanation);
    }

    Verdict of(ProviderProfile provider) {
        Verdict verdict = verdicts.get(provider.id());
        if (verdict == null) {
            throw new IllegalStateException("a rule spoke of a provider that is not in the directory");
        }
        return verdict;
    }

    Iterable<Verdict> verdicts() {
        return verdicts.values();
    }
}
