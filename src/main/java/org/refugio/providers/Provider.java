package org.refugio.providers;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.refugio.routing.FundingType;

/**
 * A legal-aid provider of the directory. Regions: {@code US} (the whole country), {@code US-TX} (one state or
 * territory), {@code MX}, or {@code ANYWHERE} for a provider that works remotely. Languages are ISO 639 codes.
 *
 * @param nonLscFunds an LSC recipient with non-LSC funds it may spend without an income test (LSC-F-07)
 * @param capacity    how many referrals it can have open (proposed or awaiting its answer) at once
 * @param demoData    a fictional provider of the embedded default's demo directory
 */
public record Provider(UUID id, String name, FundingType fundingType, boolean nonLscFunds, Set<String> languages,
                       Set<String> regions, boolean servesYouth, boolean detentionCapable, int capacity,
                       String intakeContact, boolean active, boolean demoData, Instant createdAt, Instant updatedAt) {

    public Provider {
        languages = Set.copyOf(languages);
        regions = Set.copyOf(regions);
    }
}
