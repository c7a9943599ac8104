package org.refugio.security;

import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The header names and values Spring Security's {@link StrictHttpFirewall} lets through, checked by hand. The rule is
 * the firewall's own (assigned characters, no control characters; a tab is allowed in values), but the firewall checks
 * it with a regular expression at every read of a header, and a request's bearer token is read several times: that
 * was an eighth of the processor samples of a summary screening (issue 14).
 */
final class HeaderCharacters {

    private HeaderCharacters() {
    }

    /** The default firewall, with the same rule for header names and values checked without a regular expression. */
    static HttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters::allowedName);
        firewall.setAllowedHeaderValues(HeaderCharacters::allowedValue);
        return firewall;
    }

    /** {@code [\p{IsAssigned}&&[^\p{IsControl}]]*} */
    static boolean allowedName(String name) {
        return allowed(name, false);
    }

    /** {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*} */
    static boolean allowedValue(String value) {
        return allowed(value, true);
    }

    private static boolean allowed(String s, boolean tabAllowed) {
        int i = 0;
        while (i < s.length()) {
            int codePoint = s.codePointAt(i);
            if (codePoint < 0x20 || codePoint >= 0x7f) {
                int type = Character.getType(codePoint);
                if (type == Character.UNASSIGNED
                        || (type == Character.CONTROL && !(tabAllowed && codePoint == '\t'))) {
                    return false;
                }
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
