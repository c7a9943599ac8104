package org.refugio.web;

import java.util.List;

import org.refugio.security.Actor;
import org.refugio.security.Role;

/**
 * A link in the header's navigation. Each page capability declares its own as a bean, e.g.
 * {@code @Bean NavigationItem caseInbox() { return new NavigationItem("/cases", "nav.cases", 20, List.of(CASEWORKER, SUPERVISOR)); }};
 * a user sees the links of their roles, ordered by {@code order}.
 *
 * @param path       where it leads (also marks the link current on that path and below)
 * @param messageKey its text in the web message bundle
 * @param order      position, lower first
 * @param roles      who sees it (keep in step with {@link org.refugio.security.WebAccessRules})
 */
public record NavigationItem(String path, String messageKey, int order, List<Role> roles) {

    public boolean visibleTo(Actor actor) {
        return roles.stream().anyMatch(actor::has);
    }

    public boolean currentFor(String requestPath) {
        return requestPath.equals(path) || requestPath.startsWith(path + "/");
    }

    /**
     * The one link marked current on a page: the most specific that leads to it or above it (on
     * {@code /reports/barriers}, "Barriers" rather than "Reports" too), so assistive technology hears one
     * {@code aria-current}.
     */
    public static java.util.Optional<NavigationItem> current(List<NavigationItem> items, String requestPath) {
        return items.stream().filter(i -> i.currentFor(requestPath))
                .max(java.util.Comparator.comparingInt(i -> i.path().length()));
    }
}
