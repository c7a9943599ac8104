package org.refugio.reports.web;

import java.util.List;

import org.refugio.security.Role;
import org.refugio.web.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The header links to the report pages (WebAccessRules: /reports/**, AUDITOR and PROGRAM_MANAGER). */
@Configuration(proxyBeanMethods = false)
class ReportPages {

    @Bean
    NavigationItem monthlyReportLink() {
        return new NavigationItem("/reports", "nav.reports", 50, List.of(Role.AUDITOR, Role.PROGRAM_MANAGER));
    }

    @Bean
    NavigationItem barriersReportLink() {
        return new NavigationItem("/reports/barriers", "nav.reports.barriers", 51,
                List.of(Role.AUDITOR, Role.PROGRAM_MANAGER));
    }
}
