package org.refugio.workflow.camunda;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Cockpit and Tasklist (/camunda/**) sign operators in with the engine's own users and guard themselves against
 * CSRF, so the API's token chain stands aside for them. The operator login of the embedded default is published in
 * the README: next to a PostgreSQL database the service refuses to start while that password is unchanged.
 */
@Configuration(proxyBeanMethods = false)
class OperatorConsoleSecurity {

    static final String DEFAULT_PASSWORD = "operator";

    @Bean
    @Order(1)
    SecurityFilterChain operatorConsole(HttpSecurity http) throws Exception {
        // A path matcher, not the MVC one: the consoles' REST API is served by the engine's own servlet.
        return http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/camunda/**"))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    InitializingBean operatorPasswordGuard(@Value("${camunda.bpm.admin-user.password:}") String password,
                                           @Value("${spring.datasource.url:}") String datasourceUrl) {
        return () -> check(password, datasourceUrl);
    }

    static void check(String password, String datasourceUrl) {
        if (DEFAULT_PASSWORD.equals(password) && datasourceUrl != null && datasourceUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalStateException("The operator console's published demo password is refused with a "
                    + "PostgreSQL datasource: set REFUGIO_OPERATOR_PASSWORD (camunda.bpm.admin-user.password)");
        }
    }
}
