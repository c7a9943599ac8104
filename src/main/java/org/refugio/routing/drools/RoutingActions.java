package org.refugio.routing.drools;

import org.kie.api.runtime.rule.RuleContext;
import org.refugio.eligibility.Message;
import org.refugio.eligibility.ReferralTarget;
import org.refugio.routing.FundingRoute;
import org.refugio.routing.PassedOver;
import org.refugio.routing.Preference;
import org.refugio.routing.ProviderProfile;
import org.refugio.routing.TargetOption;
import org.refugio.routing.TargetTier;

/**
 * The verbs a provider-choice rule's consequence uses ({@code import function} in the DRL). Each records the
 * rule's own identity with the outcome, so a consequence only says what it decides and the message key that
 * explains it to the caseworker.
 */
public final class RoutingActions {

    private RoutingActions() {
    }

    /** The case may go to a provider funded for this target. */
    public static void openTarget(RuleContext k, ReferralTarget target, TargetTier tier, int rank) {
        k.getKieRuntime().insert(new TargetOption(target, tier, rank));
    }

    /** The law lets this provider's money serve the case under the option's target. */
    public static void fundedFor(RuleContext k, ProviderProfile provider, TargetOption option, String key,
                                 Object... args) {
        MatchDecisions d = decisions(k);
        FundingRoute route = new FundingRoute(provider.id(), option.target(), option.tier(), option.rank());
        MatchDecisions.Verdict verdict = d.of(provider);
        verdict.routes.add(route);
        verdict.routeReasons.add(d.reason(k.getRule(), Message.of(key, args)));
        k.getKieRuntime().insert(route);
    }

    /** This provider does not get the case, whatever else favours it. */
    public static void exclude(RuleContext k, ProviderProfile provider, String key, Object... args) {
        MatchDecisions d = decisions(k);
        MatchDecisions.Verdict verdict = d.of(provider);
        if (verdict.exclusions.isEmpty()) {
            k.getKieRuntime().insert(new PassedOver(provider.id()));
        }
        verdict.exclusions.add(d.reason(k.getRule(), Message.of(key, args)));
    }

    /** Records why this provider is asked as it is (K-24(1)), without changing its rank. */
    public static void explain(RuleContext k, ProviderProfile provider, String key, Object... args) {
        MatchDecisions d = decisions(k);
        d.of(provider).preferenceReasons.add(d.reason(k.getRule(), Message.of(key, args)));
    }

    /** Among suitable providers, this one ranks higher on this count. */
    public static void prefer(RuleContext k, ProviderProfile provider, Preference preference, String key,
                              Object... args) {
        MatchDecisions d = decisions(k);
        MatchDecisions.Verdict verdict = d.of(provider);
        verdict.preferences.add(preference);
        verdict.preferenceReasons.add(d.reason(k.getRule(), Message.of(key, args)));
    }

    private static MatchDecisions decisions(RuleContext k) {
        return (MatchDecisions) k.getKieRuntime().getGlobal("decisions");
    }
}
