package org.refugio.support;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A database a test gives its service (a private server, a proxy it cuts), taken away only once that service has
 * stopped. On stop the audit sealer and the report folder drain what is pending; against a database already gone
 * each waited out the pool's timeout at the JVM's exit (surefire killed the fork after 30 s). Closing a context
 * stops its lifecycle first, then destroys its beans, this one among them.
 *
 * <p>Use: {@link #register} in the test's {@code @DynamicPropertySource}, {@code @Import} this class, and
 * {@code @DirtiesContext} so the context closes when the class ends.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TakenAwayAfterTheService implements DisposableBean {

    private static final String KEY = "refugio.test.taken-away-after-the-service";
    private static final Map<String, AutoCloseable> WAITING = new ConcurrentHashMap<>();

    private final String key;

    TakenAwayAfterTheService(@Value("${" + KEY + ":}") String key) {
        this.key = key;
    }

    /** Closes {@code database} (nothing when null) once the service of this registry's context has stopped. */
    public static void register(DynamicPropertyRegistry registry, AutoCloseable database) {
        if (database == null) {
            return;
        }
        String key = UUID.randomUUID().toString();
        WAITING.put(key, database);
        registry.add(KEY, () -> key);
    }

    @Override
    public void destroy() throws Exception {
        AutoCloseable database = WAITING.remove(key);
        if (database != null) {
            database.close();
        }
    }
}
