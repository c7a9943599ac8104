package org.refugio.security;

import static org.refugio.security.Role.ADMIN;
import static org.refugio.security.Role.AUDITOR;
import static org.refugio.security.Role.CASEWORKER;
import static org.refugio.security.Role.INTAKE;
import static org.refugio.security.Role.PROVIDER;
import static org.refugio.security.Role.SUPERVISOR;

import java.util.List;

import org.springframework.http.HttpMethod;

/**
 * The one table of which roles may call which endpoint. Anything not listed is refused (deny by default).
 * Finer rules live with the data: an intake system reads only what it created.
 */
public final class AccessRules {

    public record Rule(HttpMethod method, String pattern, List<Role> roles) {
        public String[] authorities() {
            return roles.stream().map(Role::name).toArray(String[]::new);
        }
    }

    private static final List<Role> SCREENERS = List.of(INTAKE, CASEWORKER, SUPERVISOR);
    private static final List<Role> EVERYONE = List.of(Role.values());
    /** Who opens and reads cases; intake systems see only their own (CaseService). */
    private static final List<Role> CASE_OPENERS = List.of(INTAKE, CASEWORKER, SUPERVISOR);
    /** Who works cases: tasks, provider answers, a client's decline; escalations are a supervisor's (CaseService). */
    private static final List<Role> CASE_WORKERS = List.of(CASEWORKER, SUPERVISOR);
    /** Caseworkers read the directory to choose a provider; admins manage it. */
    private static final List<Role> DIRECTORY_READERS = List.of(CASEWORKER, SUPERVISOR, ADMIN);

    public static final List<Rule> RULES = List.of(
            new Rule(HttpMethod.POST, "/api/v1/screenings", SCREENERS),
            new Rule(HttpMethod.GET, "/api/v1/screenings/*", SCREENERS),
            new Rule(HttpMethod.GET, "/api/v1/rulesets/current", EVERYONE),
            new Rule(HttpMethod.POST, "/api/v1/cases", CASE_OPENERS),
            new Rule(HttpMethod.GET, "/api/v1/cases", CASE_OPENERS),
            new Rule(HttpMethod.GET, "/api/v1/cases/*", CASE_OPENERS),
            new Rule(HttpMethod.POST, "/api/v1/cases/*/referrals/*/response", CASE_WORKERS),
            new Rule(HttpMethod.POST, "/api/v1/cases/*/client-decline", CASE_WORKERS),
            // Identifying data: whoever opens a case may record it; only people who work cases read it.
            new Rule(HttpMethod.PUT, "/api/v1/cases/*/identity", CASE_OPENERS),
            new Rule(HttpMethod.GET, "/api/v1/cases/*/identity", CASE_WORKERS),
            new Rule(HttpMethod.GET, "/api/v1/cases/*/consents", List.of(CASEWORKER, SUPERVISOR, AUDITOR)),
            new Rule(HttpMethod.POST, "/api/v1/cases/*/consents", CASE_WORKERS),
            new Rule(HttpMethod.POST, "/api/v1/cases/*/consents/*/withdrawal", CASE_WORKERS),
            new Rule(HttpMethod.GET, "/api/v1/tasks", CASE_WORKERS),
            new Rule(HttpMethod.GET, "/api/v1/tasks/*", CASE_WORKERS),
            new Rule(HttpMethod.POST, "/api/v1/tasks/*/claim", CASE_WORKERS),
            new Rule(HttpMethod.POST, "/api/v1/tasks/*/complete", CASE_WORKERS),
            new Rule(HttpMethod.GET, "/api/v1/providers", DIRECTORY_READERS),
            new Rule(HttpMethod.GET, "/api/v1/providers/*", DIRECTORY_READERS),
            new Rule(HttpMethod.POST, "/api/v1/providers", List.of(ADMIN)),
            new Rule(HttpMethod.PUT, "/api/v1/providers/*", List.of(ADMIN)),
            new Rule(HttpMethod.DELETE, "/api/v1/providers/*", List.of(ADMIN)),
            // A provider organisation's inbox and answers (issue 12); only referrals sent to its own organisation
            // (ProviderReferrals), any other is a 404.
            new Rule(HttpMethod.GET, "/api/v1/provider/referrals", List.of(PROVIDER)),
            new Rule(HttpMethod.GET, "/api/v1/provider/referrals/*", List.of(PROVIDER)),
            new Rule(HttpMethod.POST, "/api/v1/provider/referrals/*/response", List.of(PROVIDER)),
            // Status callbacks for intake systems (issue 12): subscriptions, their secrets and delivery logs.
            new Rule(HttpMethod.GET, "/api/v1/admin/callback-subscriptions", List.of(ADMIN)),
            new Rule(HttpMethod.POST, "/api/v1/admin/callback-subscriptions", List.of(ADMIN)),
            new Rule(HttpMethod.GET, "/api/v1/admin/callback-subscriptions/*", List.of(ADMIN)),
            new Rule(HttpMethod.DELETE, "/api/v1/admin/callback-subscriptions/*", List.of(ADMIN)),
            new Rule(HttpMethod.POST, "/api/v1/admin/callback-subscriptions/*/secret", List.of(ADMIN)),
            new Rule(HttpMethod.GET, "/api/v1/admin/callback-subscriptions/*/deliveries", List.of(ADMIN)),
            new Rule(HttpMethod.POST, "/api/v1/admin/callback-subscriptions/*/deliveries/*/replay", List.of(ADMIN)),
            new Rule(HttpMethod.GET, "/actuator/prometheus", List.of(ADMIN)),
            // Only exists with the "bench" profile (the load benchmark's ceiling).
            new Rule(HttpMethod.POST, "/bench/echo", SCREENERS),
            // The auditor trail: reads, replays and impact analyses change no decision; every call is logged.
            new Rule(HttpMethod.GET, "/api/v1/audit/**", List.of(AUDITOR)),
            new Rule(HttpMethod.POST, "/api/v1/audit/impact-analyses", List.of(AUDITOR)),
            // Aggregate reports (issue 13): counts with small cells suppressed; a program manager reads nothing else.
            new Rule(HttpMethod.GET, "/api/v1/reports/*", List.of(AUDITOR, Role.PROGRAM_MANAGER)));

    /** What the stateless token chain guards; every other path is a web page ({@link WebAccessRules}). */
    public static final String[] API_PATHS = {
        "/api/**", "/actuator/**", "/bench/**", "/api-spec/**", "/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs/**"
    };

    /** Paths anyone may read: the contract, its documentation, liveness. */
    public static final String[] PUBLIC_PATHS = {
        "/api-spec/**", "/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs/**",
        "/actuator/health", "/actuator/health/**", "/actuator/info", "/error"
    };

    private AccessRules() {
    }
}
