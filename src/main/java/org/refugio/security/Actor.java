package org.refugio.security;

import java.util.Set;

/**
 * Who is acting: a user or a client id, never a name of the person screened. Recorded with every decision and
 * every audit record.
 */
public record Actor(String id, Set<Role> roles) {

    public static final Actor SYSTEM = new Actor("system", Set.of());

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Intake systems see only what they created; people who work cases see every case. */
    public boolean seesOnlyOwnRecords() {
        return has(Role.INTAKE) && !has(Role.CASEWORKER) && !has(Role.SUPERVISOR) && !has(Role.ADMIN);
    }
}
