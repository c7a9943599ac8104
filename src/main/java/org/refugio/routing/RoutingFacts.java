package org.refugio.routing;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.refugio.eligibility.LscScope;
import org.refugio.eligibility.ReferralTarget;
import org.refugio.eligibility.facts.Person;

/**
 * The few facts that decide which provider gets a case: what the screening's referral says (LA-02, LA-03) and
 * where and who the person is in routing terms. Nothing here identifies the person (8 U.S.C. 1367), so these
 * are the only case facts that may travel as process variables. A null Boolean or location is unknown.
 *
 * @param target             the screening's referral target
 * @param alternativeTargets further targets the screening allows, best first
 * @param languages          ISO 639 codes of the languages the person speaks, lower case; empty = unknown
 * @param country            ISO 3166-1 alpha-2 code of where the person is, null = unknown
 * @param state              USPS code of the U.S. state or territory, null = unknown or not in the U.S.
 */
public record RoutingFacts(ReferralTarget target, List<ReferralTarget> alternativeTargets, LscScope scope,
                           boolean urgent, Set<String> languages, Boolean minor, String country, String state,
                           Boolean detained) {

    /** Territories a person may give as their country; providers list them as U.S. regions (US-PR). */
    private static final Set<String> US_TERRITORIES = Set.of("PR", "VI", "GU", "MP", "AS", "UM");

    public RoutingFacts {
        alternativeTargets = List.copyOf(alternativeTargets);
        languages = Set.copyOf(languages);
    }

    /**
     * The routing facts of a screened person: the referral's target, alternatives, scope and urgency, with the
     * person's age, place and detention as the rules read them (null where the facts cannot tell).
     */
    public static RoutingFacts of(ReferralTarget target, List<ReferralTarget> alternativeTargets, LscScope scope,
                                  boolean urgent, Person person, Set<String> languages) {
        String country = person.country() == null ? null : person.country().toUpperCase(Locale.ROOT);
        String state = person.usState() == null ? null : person.usState().toUpperCase(Locale.ROOT);
        if (country != null && US_TERRITORIES.contains(country)) {
            state = country;
            country = "US";
        } else if (country == null && state != null) {
            country = "US";
        }
        if (!"US".equals(country)) {
            state = null;
        }
        Set<String> spoken = new TreeSet<>();
        languages.forEach(l -> spoken.add(l.trim().toLowerCase(Locale.ROOT)));
        return new RoutingFacts(target, alternativeTargets, scope, urgent, spoken, person.minor(), country, state,
                person.detained());
    }

    /** The person is known to be outside the United States and its territories (K-23, K-24). */
    public boolean abroad() {
        return country != null && !"US".equals(country);
    }

    /** Where the person is, as providers list their regions: {@code US-TX}, {@code US}, {@code MX}; null = unknown. */
    public String region() {
        if (country == null) {
            return null;
        }
        return state == null ? country : country + "-" + state;
    }
}
