package org.refugio.identity;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityCipher.Keys.class)
class IdentityConfig {

    /**
     * The embedded default ships a development key (id starting "dev-") so a first run works; next to PostgreSQL
     * the service refuses it, as a published key protects nothing.
     */
    @Bean
    IdentityCipher identityCipher(IdentityCipher.Keys keys, @Value("${spring.datasource.url:}") String datasourceUrl) {
        if (keys.activeKeyId() != null && keys.activeKeyId().startsWith("dev-")
                && datasourceUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalStateException("refugio.identity uses the development key next to PostgreSQL: configure "
                    + "refugio.identity.active-key-id and refugio.identity.keys with a key of your own");
        }
        return new IdentityCipher(keys);
    }
}
