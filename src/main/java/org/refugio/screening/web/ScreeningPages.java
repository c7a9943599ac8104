package org.refugio.screening.web;

import java.util.List;

import org.refugio.security.Role;
import org.refugio.web.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The header link to the guided screening, for the roles that screen (WebAccessRules: /screenings/**). */
@Configuration(proxyBeanMethods = false)
class ScreeningPages {

    @Bean
    NavigationItem newScreeningLink() {
        return new NavigationItem("/screenings/new", "nav.screening", 10, List.of(Role.CASEWORKER, Role.SUPERVISOR));
    }
}
