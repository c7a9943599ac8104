package org.refugio.routing;

import java.util.UUID;

/** A provider some provider-choice rule kept from the case (a fact the exclusion rules derive). */
public record PassedOver(UUID providerId) { }
