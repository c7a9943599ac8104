package org.refugio.cases.web;

import java.util.List;

import org.refugio.security.Role;
import org.refugio.web.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The header link to the case inbox (WebAccessRules: /cases, /cases/**). */
@Configuration(proxyBeanMethods = false)
class CasePages {

    @Bean
    NavigationItem caseInboxLink() {
        return new NavigationItem("/cases", "nav.cases", 20, List.of(Role.CASEWORKER, Role.SUPERVISOR));
    }
}
