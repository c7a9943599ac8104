package org.refugio.support;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A test that talks to the running application over real HTTP, backed by the database of {@link TestDatabase}
 * and trusting the test identity provider of {@link TestTokens}; people sign in to the web pages as the
 * {@link TestWebUsers}. Every subclass shares one application context.
 */
@AutoConfigureObservability(tracing = false)
@Import(TestWebUsers.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApiTest extends HttpTest {

    /** The service's one clock, in its time zone (America/Chicago by default). */
    @Autowired
    protected Clock clock;

    /**
     * Today where the service is: what it checks dates against. The test machine's own date is a day ahead of the
     * border's every evening after 18:00 in Chicago (UTC midnight).
     */
    protected LocalDate today() {
        return LocalDate.now(clock);
    }

    /**
     * Requests write their audit entries pending and the sealer chains them shortly after (issue 14). A test that
     * reads audit_log itself first does what an auditor's read does: seal what is pending (an auditor's read of
     * one record, itself logged, and pending until the next seal).
     */
    protected void auditorSeals() {
        Response read = get("/api/v1/audit/records?fromSeq=" + Long.MAX_VALUE + "&limit=1",
                "Authorization", TestTokens.bearer("auditor-sealing", org.refugio.security.Role.AUDITOR));
        if (read.status() != 200) {
            throw new AssertionError("the auditor's read failed: " + read.status() + " " + read.body());
        }
    }

    /** Audit entries written, chained or still pending (one statement: the sealer moves them atomically). */
    protected long auditEntriesWritten() {
        return jdbc.queryForObject("select (select count(*) from audit_log) + (select count(*) from audit_pending)",
                Long.class);
    }

    /** The last audit entry written: the newest pending one, or else the last on the chain. */
    protected java.util.Map<String, Object> lastAuditEntryWritten(String columns) {
        var pending = jdbc.queryForList("select " + columns + " from audit_pending order by id desc limit 1");
        return pending.isEmpty() ? jdbc.queryForMap("select " + columns + " from audit_log order by seq desc limit 1")
                : pending.get(0);
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
        TestDeployment.register(registry);
    }
}
