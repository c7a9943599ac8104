package org.refugio.reports;

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
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.refugio.api.model.CriterionResult;
import org.refugio.api.model.ProgramResult;
import org.refugio.api.model.ScreeningDecision;
import org.refugio.screening.ScreeningDecided;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The read model of the screening reports: counts per month (UTC) of stored decisions, by what the reports group
 * them by, in {@code report_screening_month} (V90), so a report over a year of screenings reads a few hundred rows
 * instead of a million decisions. Kept off the request path (issues 13 and 14): the transaction that stores a
 * decision ({@link ScreeningDecided}) only appends the decision's keys to {@code report_screening_delta} (V91), and
 * {@link ScreeningRollupFolder} folds them into the month table in batches, one folder per cluster. Filled from the
 * stored decisions on start-up when it is empty and decisions exist (a database that had decisions before V90).
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
    private final ScreeningRollupFolder folder;

    ScreeningRollup(JdbcTemplate jdbc, ObjectMapper json, ScreeningRollupFolder folder) {
        this.jdbc = jdbc;
        this.json = json;
        this.folder = folder;
    }

    /**
     * Appends the decision's keys to {@code report_screening_delta} in the transaction that stores it (plain
     * inserts: no counter row is updated or locked here); a failure here rolls the decision back.
     */
    @EventListener
    void on(ScreeningDecided decided) {
        // From the decision as built, not its stored text: re-reading the text cost a parse of ~47 KB per screening.
        List<Key> keys = new ArrayList<>(keys(decided.decision().getDecidedAt().toInstant(),
                Outcome.of(decided.decision()), requestLanguage()));
        jdbc.batchUpdate("insert into report_screening_delta (dimension, report_month, item) values (?, ?, ?)",
                keys, keys.size(), (ps, key) -> {
                    ps.setString(1, key.dimension());
                    ps.setString(2, key.month());
                    ps.setString(3, key.item());
                });
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

    /**
     * Recounts every stored decision (replaces the read model) in one repeatable-read transaction under the
     * folder's lock, so no batch is folded meanwhile: the decisions and the deltas are read in the same snapshot,
     * and exactly the deltas seen (those of the decisions counted) are deleted. A decision committed after the
     * snapshot keeps its delta, which the folder adds later: nothing is counted twice or lost. Waits for the lock
     * (another node's folder or refill) at most 30 s.
     */
    void rebuild() {
        TransactionTemplate repeatable = folder.transaction(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (folder.underLock(repeatable, this::rebuildLocked) == null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the report folder's lock was not free for 30 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the report folder", e);
            }
        }
    }

    private Boolean rebuildLocked() {
        Map<Key, Long> counts = new TreeMap<>();
        List<Long> deltas = jdbc.queryForList("select id from report_screening_delta", Long.class);
        // A reader of its own: a fetch size set on the shared JdbcTemplate would apply to every query of the service.
        // Decisions purged under the retention policy have no decision left to count (their outcomes stay, V110).
        JdbcTemplate reader = new JdbcTemplate(jdbc.getDataSource());
        reader.setFetchSize(500);
        reader.query("select decided_at, decision from screening_decision where decision is not null", rs -> {
            Instant at = rs.getTimestamp("decided_at").toInstant();
            for (Key key : keys(at, read(rs.getString("decision")), UNKNOWN)) {
                counts.merge(key, 1L, Long::sum);
            }
        });
        jdbc.update("delete from report_screening_month");
        if (folder.deleteDeltas(deltas) != deltas.size()) {
            throw new IllegalStateException("report deltas were folded during the refill");
        }
        folder.add(counts);
        return true;
    }

    /** What the counts read of one program's result, in a decision being stored or in a stored one. */
    record Outcome(String program, String status, List<Criterion> criteria) {

        record Criterion(String criterion, String ruleId, String status, boolean decisive) {
        }

        static List<Outcome> of(JsonNode decision) {
            List<Outcome> outcomes = new ArrayList<>();
            for (JsonNode program : decision.path("programs")) {
                List<Criterion> criteria = new ArrayList<>();
                for (JsonNode c : program.path("criteria")) {
                    criteria.add(new Criterion(c.path("criterion").asText(""), c.path("ruleId").asText(""),
                            c.path("status").asText(""), c.path("decisive").asBoolean(false)));
                }
                outcomes.add(new Outcome(program.path("program").asText(null), program.path("status").asText(null),
                        criteria));
            }
            return outcomes;
        }

        static List<Outcome> of(ScreeningDecision decision) {
            List<Outcome> outcomes = new ArrayList<>();
            for (ProgramResult program : decision.getPrograms() == null ? List.<ProgramResult>of()
                    : decision.getPrograms()) {
                List<Criterion> criteria = new ArrayList<>();
                for (CriterionResult c : program.getCriteria() == null ? List.<CriterionResult>of()
                        : program.getCriteria()) {
                    criteria.add(new Criterion(c.getCriterion() == null ? "" : c.getCriterion(),
                            c.getRuleId() == null ? "" : c.getRuleId(),
                            c.getStatus() == null ? "" : c.getStatus().getValue(), Boolean.TRUE.equals(c.getDecisive())));
                }
                outcomes.add(new Outcome(program.getProgram() == null ? null : program.getProgram().getValue(),
                        program.getStatus() == null ? null : program.getStatus().getValue(), criteria));
            }
            return outcomes;
        }
    }

    /** What one stored decision adds to the counts: codes only. */
    static Set<Key> keys(Instant decidedAt, JsonNode decision, String language) {
        return keys(decidedAt, Outcome.of(decision), language);
    }

    static Set<Key> keys(Instant decidedAt, List<Outcome> programs, String language) {
        String month = YearMonth.from(decidedAt.atZone(ZoneOffset.UTC)).toString();
        Set<Key> keys = new LinkedHashSet<>();
        keys.add(new Key(SCREENINGS, month, "ALL"));
        keys.add(new Key(LANGUAGE, month, language));
        for (Outcome program : programs) {
            String code = code(program.program());
            String status = code(program.status());
            if (code == null || status == null) {
                continue;
            }
            keys.add(new Key(PROGRAM_STATUS, month, code + ":" + status));
            if (BARRIER_PROGRAMS.contains(code) && HELD_BACK.contains(status)) {
                for (Outcome.Criterion criterion : program.criteria()) {
                    if (criterion.decisive() && status.equals(criterion.status())) {
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
    static String criterionName(Outcome.Criterion criterion) {
        String name = criterion.criterion();
        if (name.isBlank()) {
            name = criterion.ruleId();
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

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored decision is not JSON", e);
        }
    }
}
