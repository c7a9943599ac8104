package org.refugio.routing;

import java.util.UUID;

/** A provider that already declined this case or let it pass unanswered. */
public record AlreadyAsked(UUID providerId) { }
