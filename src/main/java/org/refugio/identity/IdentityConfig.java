package org.refugio.identity;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityCipher.Keys.class)
class IdentityConfig {

    /** The development key of the embedded default is refused next to PostgreSQL by config.DevelopmentDefaults. */
    @Bean
    IdentityCipher identityCipher(IdentityCipher.Keys keys) {
        return new IdentityCipher(keys);
    }
}
