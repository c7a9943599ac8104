package org.refugio.routing;

import java.util.Set;
import java.util.UUID;

import org.refugio.routing.FundingType;

/**
 * A provider as the provider-choice rules see it. Regions are {@code US} (the whole country), {@code US-TX}
 * (one state), {@code MX} or {@code ANYWHERE}; languages are ISO 639 codes. {@code openSlots} is capacity minus the referrals
 * the provider has open now.
 */
public record ProviderProfile(UUID id, String name, FundingType fundingType, boolean nonLscFunds,
                              Set<String> languages, Set<String> regions, boolean servesYouth,
                              boolean detentionCapable, int openSlots) {

    /** A provider that works remotely, wherever the person is. */
    public static final String ANYWHERE = "ANYWHERE";

    public ProviderProfile {
        languages = Set.copyOf(languages);
        regions = Set.copyOf(regions);
    }

    /**
     * Whether the provider covers where the person is. Only what is known can rule a provider out: with the
     * state unknown, any provider in the country covers the person.
     */
    public boolean serves(String country, String state) {
        if (country == null || regions.contains(ANYWHERE) || regions.contains(country)) {
            return true;
        }
        if (state != null) {
            return regions.contains(country + "-" + state);
        }
        return regions.stream().anyMatch(r -> r.startsWith(country + "-"));
    }

    /** Works in the United States (a U.S. region or remotely): it may serve a person abroad for a U.S. matter. */
    public boolean isUsProvider() {
        return regions.contains(ANYWHERE) || regions.stream().anyMatch(r -> r.equals("US") || r.startsWith("US-"));
    }

    /** Lists the person's own state, rather than serving the whole country. */
    public boolean isLocalTo(String country, String state) {
        return country != null && state != null && regions.contains(country + "-" + state);
    }

    public boolean speaksAnyOf(Set<String> wanted) {
        for (String language : wanted) {
            if (languages.contains(language)) {
                return true;
            }
        }
        return false;
    }
}
