package org.refugio.workflow.camunda;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Cockpit and Tasklist (/camunda/**) sign operators in with the engine's own users and guard themselves against
 * CSRF, so the API's token chain stands aside for them. The operator login of the embedded default is published in
 * the README: next to a PostgreSQL database config.DevelopmentDefaults refuses to start while it is unchanged.
 */
@Configuration(proxyBeanMethods = false)
class OperatorConsoleSecurity {

    @Bean
    @Order(1)
    SecurityFilterChain operatorConsole(HttpSecurity http) throws Exception {
        // A path matcher, not the MVC one: the consoles' REST API is served by the engine's own servlet.
        return http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/camunda/**"))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .build();
    }
}
