package org.refugio.audit.web;

import java.util.List;

import org.refugio.security.Role;
import org.refugio.web.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The header links to the auditor pages (WebAccessRules: /audit/**, AUDITOR only). */
@Configuration(proxyBeanMethods = false)
class AuditPages {

    @Bean
    NavigationItem auditDecisionsLink() {
        return new NavigationItem("/audit/decisions", "nav.audit.decisions", 40, List.of(Role.AUDITOR));
    }

    @Bean
    NavigationItem auditChainLink() {
        return new NavigationItem("/audit/verify", "nav.audit.verify", 41, List.of(Role.AUDITOR));
    }

    @Bean
    NavigationItem auditImpactLink() {
        return new NavigationItem("/audit/impact", "nav.audit.impact", 42, List.of(Role.AUDITOR));
    }
}
