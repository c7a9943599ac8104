package org.refugio.security;

import static org.refugio.security.Role.AUDITOR;
import static org.refugio.security.Role.CASEWORKER;
import static org.refugio.security.Role.PROVIDER;
import static org.refugio.security.Role.SUPERVISOR;

import java.util.List;

/**
 * Which roles may open which web page: the pages' counterpart of {@link AccessRules}, deny by default. A page
 * capability adds its paths here (e.g. the provider portal "/provider/**" for PROVIDER, the auditor pages
 * "/audit/**" for AUDITOR); the navigation shows a link only to the roles listed for its path.
 */
public final class WebAccessRules {

    /** A path pattern (Spring path syntax) and the roles that may open it, with any HTTP method. */
    public record Rule(String pattern, List<Role> roles) {
        public String[] authorities() {
            return roles.stream().map(Role::name).toArray(String[]::new);
        }
    }

    /** People who screen and work cases; escalations within cases are a supervisor's (CaseService). */
    private static final List<Role> CASE_WORKERS = List.of(CASEWORKER, SUPERVISOR);

    public static final List<Rule> RULES = List.of(
            new Rule("/screenings/**", CASE_WORKERS),
            new Rule("/cases/**", CASE_WORKERS),
            new Rule("/cases", CASE_WORKERS),
            // The auditor's pages (issue 13): reads of the audit trail, each one logged as the API's are.
            new Rule("/audit/**", List.of(AUDITOR)),
            new Rule("/audit", List.of(AUDITOR)),
            // Aggregate reports (issue 13): auditors and program managers; nothing else is a program manager's.
            new Rule("/reports/**", List.of(AUDITOR, Role.PROGRAM_MANAGER)),
            new Rule("/reports", List.of(AUDITOR, Role.PROGRAM_MANAGER)),
            // The provider portal (issue 12): a provider organisation's users, each seeing only its own referrals.
            new Rule("/provider/**", List.of(PROVIDER)),
            new Rule("/provider", List.of(PROVIDER)));

    /** Open to anyone: the sign-in page, the assets it needs, the language switch, error pages. */
    public static final String[] PUBLIC_PATHS = {
        "/signin", "/language", "/error/**", "/uswds/**", "/webjars/**", "/css/**", "/js/**", "/favicon.ico", "/error"
    };

    /** Any signed-in user: the start page sends each role where its work is. */
    public static final String[] SIGNED_IN_PATHS = {"/"};

    private WebAccessRules() {
    }
}
