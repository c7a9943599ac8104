package org.refugio.routing;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.refugio.eligibility.ReferralTarget;

/**
 * The providers suitable for a case, best first, and those passed over with the rules that passed them over.
 * An empty ranking means nobody suitable is left: the case goes to a supervisor and stays "referral pending".
 */
public record ProviderChoice(List<Candidate> ranked, List<Excluded> excluded) {

    /** A suitable provider: the target it would serve the case under, its tier and what favours it. */
    public record Candidate(ProviderProfile provider, ReferralTarget target, TargetTier tier, int routeRank,
                            Set<Preference> preferences, List<RoutingReason> reasons) { }

    /**
     * A provider passed over. {@code lawfulTarget} is the target its funding could still serve the case under, had
     * nothing else ruled it out (region, capacity, needs): a person may choose it with a reason; null when the law
     * keeps the case from it (LA-02, LSC-A-09), and then nobody may.
     */
    public record Excluded(ProviderProfile provider, ReferralTarget lawfulTarget, List<RoutingReason> reasons) { }

    public ProviderChoice {
        ranked = List.copyOf(ranked);
        excluded = List.copyOf(excluded);
    }

    public Optional<Candidate> best() {
        return ranked.stream().findFirst();
    }

    public boolean providerFound() {
        return !ranked.isEmpty();
    }

    public Optional<Candidate> candidate(java.util.UUID providerId) {
        return ranked.stream().filter(c -> c.provider().id().equals(providerId)).findFirst();
    }

    /** The target the law lets this provider's funding serve the case under, if any (LA-02, LSC-A-09). */
    public Optional<ReferralTarget> lawfulTargetFor(java.util.UUID providerId) {
        Optional<ReferralTarget> ranked = candidate(providerId).map(Candidate::target);
        if (ranked.isPresent()) {
            return ranked;
        }
        return excluded.stream().filter(e -> e.provider().id().equals(providerId)).findFirst()
                .map(Excluded::lawfulTarget);
    }

    /** Every rule ID that had a say, for the record of the routing decision. */
    public List<String> ruleIds() {
        Set<String> ids = new TreeSet<>();
        ranked.forEach(c -> c.reasons().forEach(r -> ids.add(r.ruleId())));
        excluded.forEach(e -> e.reasons().forEach(r -> ids.add(r.ruleId())));
        return List.copyOf(ids);
    }
}
