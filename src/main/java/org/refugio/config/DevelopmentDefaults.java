package org.refugio.config;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.PropertyResolver;
import org.springframework.stereotype.Component;

/**
 * The embedded default ships published secrets so that a first run works without set-up: demo users (one per role,
 * program-manager included, all behind refugio.security.demo-users.enabled) whose
 * password is their name, an identity key and an audit key anyone can read in this repository, and the
 * operators' console password "operator". Next to a real (PostgreSQL) database each of them is a door with a
 * published key, and applicant data is confidential by law (8 U.S.C. 1367), so the service refuses to start and
 * names every setting still left at its development value.
 */
@Component
class DevelopmentDefaults implements InitializingBean {

    static final String PUBLISHED_OPERATOR_PASSWORD = "operator";

    private final PropertyResolver settings;

    DevelopmentDefaults(PropertyResolver settings) {
        this.settings = settings;
    }

    @Override
    public void afterPropertiesSet() {
        List<String> refused = refusedNextToPostgresql(settings);
        if (!refused.isEmpty()) {
            throw new IllegalStateException("Refusing to start next to PostgreSQL with development defaults; set "
                    + "each of these to a value of your own (README \"Deploying\"): " + String.join("; ", refused));
        }
    }

    static List<String> refusedNextToPostgresql(PropertyResolver settings) {
        List<String> refused = new ArrayList<>();
        if (!settings.getProperty("spring.datasource.url", "").startsWith("jdbc:postgresql:")) {
            return refused;
        }
        if (settings.getProperty("refugio.security.demo-users.enabled", Boolean.class, false)) {
            refused.add("refugio.security.demo-users.enabled=true (turn the demo users off and configure "
                    + "refugio.security.jwt.*)");
        }
        if (settings.getProperty("refugio.identity.active-key-id", "").startsWith("dev-")) {
            refused.add("refugio.identity.active-key-id and refugio.identity.keys (the development identity key)");
        }
        if (settings.getProperty("refugio.audit.hmac-key", "").isBlank()) {
            refused.add("refugio.audit.hmac-key / REFUGIO_AUDIT_HMAC_KEY (the audit log would be signed with the "
                    + "published development key)");
        }
        if (PUBLISHED_OPERATOR_PASSWORD.equals(settings.getProperty("camunda.bpm.admin-user.password"))) {
            refused.add("camunda.bpm.admin-user.password / REFUGIO_OPERATOR_PASSWORD (the published operator "
                    + "password)");
        }
        return refused;
    }
}
