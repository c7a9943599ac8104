package org.refugio.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.refugio.security.Role;

/** One link of the header is current on a page: the most specific one. */
class NavigationItemTest {

    static final NavigationItem REPORTS = new NavigationItem("/reports", "nav.reports", 60, List.of(Role.AUDITOR));
    static final NavigationItem BARRIERS = new NavigationItem("/reports/barriers", "nav.barriers", 61,
            List.of(Role.AUDITOR));
    static final NavigationItem DECISIONS = new NavigationItem("/audit/decisions", "nav.audit", 50,
            List.of(Role.AUDITOR));
    static final List<NavigationItem> HEADER = List.of(DECISIONS, REPORTS, BARRIERS);

    @Test
    void onANestedPageOnlyTheMostSpecificLinkIsCurrent() {
        assertThat(NavigationItem.current(HEADER, "/reports/barriers")).contains(BARRIERS);
        assertThat(NavigationItem.current(HEADER, "/reports")).contains(REPORTS);
        assertThat(NavigationItem.current(HEADER, "/reports/download/screenings")).contains(REPORTS);
        assertThat(NavigationItem.current(HEADER, "/audit/decisions/123")).contains(DECISIONS);
    }

    @Test
    void aPageNoLinkLeadsToHasNoCurrentLink() {
        assertThat(NavigationItem.current(HEADER, "/reportsx")).isEmpty();
        assertThat(NavigationItem.current(HEADER, "/cases")).isEmpty();
    }
}
