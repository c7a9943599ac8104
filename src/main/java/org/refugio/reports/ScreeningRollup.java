package org.refugio.reports;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.refugio.screening.ScreeningDecided;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The read model of the screening reports: counts per month (UTC) of stored decisions, by what the reports group
 * them by, in {@code report_screening_month} (V90). Kept in step with {@code screening_decision} inside the
 * transaction that stores each decision ({@link ScreeningDecided}), so a report over a year of screenings reads a
 * few hundred rows instead of a million decisions. Filled from the stored decisions on start-up when it is empty
 * and decisions exist (a database that had decisions before V90).
 *
 * <p>Only codes are kept: program, status, criterion (e.g. T1-06), the interface language. No id, no fact.
 */
@Component
class ScreeningRollup {

    static final String SCREENINGS = "SCREENINGS";
    static final String PROGRAM_STATUS = "PROGRAM_STATUS";
    static final String BARRIER = "BARRIER";
    static final String LANGUAGE = "LANGUAGE";
    static final String UNKNOWN = "unknown";

    /** The programs of the barriers report: T-1, U and LSC. */
    static final Set<String> BARRIER_PROGRAMS = Set.of("T1_PRINCIPAL", "U_VISA", "LSC_LEGAL_AID");
    static final Set<String> HELD_BACK = Set.of("NOT_ELIGIBLE", "NEEDS_MORE_INFORMATION");

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.-]{1,40}");
    private static final Logger log = LoggerFactory.getLogger(ScreeningRollup.class);

    /** One count to add: (dimension, month, item). */
    record Key(String dimension, String month, String item) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = dimension.compareTo(o.dimension);
            c = c != 0 ? c : month.compareTo(o.month);
            return c != 0 ? c : item.compareTo(o.item);
        }
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final TransactionTemplate transactions;
    private volatile Boolean postgres;

    ScreeningRollup(JdbcTemplate jdbc, ObjectMapper json, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.json = json;
        this.transactions = transactions;
    }

    /** Counts the decision in the transaction that stores it; a failure here rolls the decision back. */
    @EventListener
    void on(ScreeningDecided decided) {
        JsonNode decision = read(decided.decisionJson());
        add(keys(decided.decision().getDecidedAt().toInstant(), decision, requestLanguage()));
    }

    /**
     * Refills an empty read model from the stored decisions. Never stops the service: when it fails (e.g. a second
     * node filling it at the same moment, whose rows then win), the failure is logged and the reports show what the
     * other node wrote, or the counts kept from now on.
     */
    @EventListener(ApplicationReadyEvent.class)
    void fillWhenEmptyAtStartUp() {
        try {
            fillWhenEmpty();
        } catch (RuntimeException e) {
            log.warn("The report read model could not be filled from the stored decisions: {}", e.toString());
        }
    }

    void fillWhenEmpty() {
        Integer rows = jdbc.queryForObject("select count(*) from (select 1 from report_screening_month "
                + "fetch first 1 rows only) x", Integer.class);
        Integer decisions = jdbc.queryForObject("select count(*) from (select 1 from screening_decision "
                + "fetch first 1 rows only) x", Integer.class);
        if (rows != null && rows == 0 && decisions != null && decisions > 0) {
            log.info("Filling the report read model from the stored decisions");
            long start = System.nanoTime();
            rebuild();
            log.info("Filled the report read model in {} ms", (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** Recounts every stored decision (replaces the read model), in one transaction. */
    void rebuild() {
        transactions.executeWithoutResult(status -> {
            Map<Key, Long> counts = new TreeMap<>();
            jdbc.setFetchSize(500);
            jdbc.query("select decided_at, decision from screening_decision", rs -> {
                Instant at = rs.getTimestamp("decided_at").toInstant();
                for (Key key : keys(at, read(rs.getString("decision")), UNKNOWN)) {
                    counts.merge(key, 1L, Long::sum);
                }
            });
            jdbc.update("delete from report_screening_month");
            List<Map.Entry<Key, Long>> rows = new ArrayList<>(counts.entrySet());
            jdbc.batchUpdate("insert into report_screening_month (dimension, report_month, item, n) values (?, ?, ?, ?)",
                    rows, 1000, (ps, e) -> {
                        ps.setString(1, e.getKey().dimension());
                        ps.setString(2, e.getKey().month());
                        ps.setString(3, e.getKey().item());
                        ps.setLong(4, e.getValue());
                    });
        });
    }

    /** What one decision adds to the counts: codes only. */
    static Set<Key> keys(Instant decidedAt, JsonNode decision, String language) {
        String month = YearMonth.from(decidedAt.atZone(ZoneOffset.UTC)).toString();
        Set<Key> keys = new LinkedHashSet<>();
        keys.add(new Key(SCREENINGS, month, "ALL"));
        keys.add(new Key(LANGUAGE, month, language));
        for (JsonNode program : decision.path("programs")) {
            String code = code(program.path("program").asText(null));
            String status = code(program.path("status").asText(null));
            if (code == null || status == null) {
                continue;
            }
            keys.add(new Key(PROGRAM_STATUS, month, code + ":" + status));
            if (BARRIER_PROGRAMS.contains(code) && HELD_BACK.contains(status)) {
                for (JsonNode criterion : program.path("criteria")) {
                    if (criterion.path("decisive").asBoolean(false)
                            && status.equals(criterion.path("status").asText())) {
                        String name = criterionName(criterion);
                        if (name != null) {
                            keys.add(new Key(BARRIER, month, code + ":" + name + ":" + status));
                        }
                    }
                }
            }
        }
        return keys;
    }

    /** The legal element (e.g. T1-06), else the rule ID without its branch. */
    static String criterionName(JsonNode criterion) {
        String name = criterion.path("criterion").asText("");
        if (name.isBlank()) {
            name = criterion.path("ruleId").asText("");
            int branch = name.indexOf('(');
            if (branch > 0) {
                name = name.substring(0, branch);
            }
        }
        return code(name);
    }

    /**
     * The interface language of the request that made the screening (the page's language, or the API's
     * Accept-Language), en or es; unknown without a request (a case screened by the workflow in the background) and
     * for decisions counted from storage, which does not keep it.
     */
    static String requestLanguage() {
        LocaleContext context = LocaleContextHolder.getLocaleContext();
        Locale locale = context == null ? null : context.getLocale();
        if (locale == null) {
            return UNKNOWN;
        }
        String language = locale.getLanguage();
        return language.equals("en") || language.equals("es") ? language : UNKNOWN;
    }

    private static String code(String value) {
        return value != null && CODE.matcher(value).matches() ? value : null;
    }

    private void add(Set<Key> keys) {
        List<Key> sorted = new ArrayList<>(new java.util.TreeSet<>(keys));
        // Sorted, so concurrent screenings lock the counters in the same order (no deadlock).
        String sql = postgres()
                ? "insert into report_screening_month (dimension, report_month, item, n) values (?, ?, ?, 1)"
                        + " on conflict (dimension, report_month, item) do update set n = report_screening_month.n + 1"
                : "merge into report_screening_month t using (values (cast(? as varchar(16)), cast(? as char(7)),"
                        + " cast(? as varchar(120)))) as s(dimension, report_month, item)"
                        + " on t.dimension = s.dimension and t.report_month = s.report_month and t.item = s.item"
                        + " when matched then update set n = t.n + 1"
                        + " when not matched then insert (dimension, report_month, item, n) values (s.dimension, s.report_month, s.item, 1)";
        jdbc.batchUpdate(sql, sorted, sorted.size(), (ps, key) -> {
            ps.setString(1, key.dimension());
            ps.setString(2, key.month());
            ps.setString(3, key.item());
        });
    }

    private boolean postgres() {
        if (postgres == null) {
            postgres = Boolean.TRUE.equals(jdbc.execute((Connection c) -> {
                try {
                    return c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
                } catch (SQLException e) {
                    return false;
                }
            }));
        }
        return postgres;
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored decision is not JSON", e);
        }
    }
}
