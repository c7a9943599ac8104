package org.refugio.routing;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.refugio.eligibility.RuleInfo;

/** Applies the provider-choice rules (LA-02, LA-03) of a ruleset to one case and a directory of providers. */
public interface ProviderMatcher {

    /**
     * @param alreadyAsked providers that declined the case or let it pass unanswered
     * @param asOf         the day the rules are applied as of (rules carry effective dates)
     */
    ProviderChoice choose(RoutingFacts facts, Collection<ProviderProfile> providers, Collection<UUID> alreadyAsked,
                          LocalDate asOf);

    List<RuleInfo> rules();
}
