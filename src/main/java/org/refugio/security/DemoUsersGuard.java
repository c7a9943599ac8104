package org.refugio.security;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The demo users exist for a first run on the embedded database. Next to a real (PostgreSQL) database they
 * would be a door with a published key, so the service refuses to start.
 */
@Component
class DemoUsersGuard implements InitializingBean {

    private final SecurityProperties properties;
    private final String datasourceUrl;

    DemoUsersGuard(SecurityProperties properties, @Value("${spring.datasource.url:}") String datasourceUrl) {
        this.properties = properties;
        this.datasourceUrl = datasourceUrl;
    }

    @Override
    public void afterPropertiesSet() {
        check(properties.demoUsers().enabled(), datasourceUrl);
    }

    static void check(boolean demoUsers, String datasourceUrl) {
        if (demoUsers && datasourceUrl != null && datasourceUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalStateException("refugio.security.demo-users.enabled=true is refused with a PostgreSQL "
                    + "datasource: configure refugio.security.jwt.* and turn the demo users off");
        }
    }
}
