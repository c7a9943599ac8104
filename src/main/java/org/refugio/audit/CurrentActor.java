package org.refugio.audit;

import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who is acting, for the audit trail. A placeholder until authentication lands (issue 5): then {@link #current()}
 * is the one method to replace, with the authenticated user or client id.
 */
@Component
public class CurrentActor {

    public static final String HEADER = "X-Actor";
    static final String ANONYMOUS = "anonymous";
    static final String SYSTEM = "system";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@:-]{0,127}");

    /**
     * The X-Actor header of the current request, "anonymous" without one, "system" outside a request.
     *
     * @throws IllegalArgumentException when the header is not a plain identifier (it is never stored as sent)
     */
    public String current() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return SYSTEM;
        }
        HttpServletRequest request = attributes.getRequest();
        String actor = request.getHeader(HEADER);
        if (actor == null || actor.isBlank()) {
            return ANONYMOUS;
        }
        if (!VALID.matcher(actor).matches()) {
            throw new IllegalArgumentException("X-Actor must be an identifier of letters, digits and . _ @ : -");
        }
        return actor;
    }
}
