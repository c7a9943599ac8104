package org.refugio.reports;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.refugio.problem.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reports' entry point: builds a named report over a month range and passes every count through
 * {@link Suppression} before anything can show it. Read only.
 */
@Service
public class Reports {

    /** The reports, in the order the pages show them. */
    public static final List<String> NAMES = List.of("screenings", "program-status", "interface-languages", "cases",
            "referral-providers", "person-languages", "time-to-acceptance", "declines", "barriers");

    static final List<String> STATUSES = List.of("ELIGIBLE", "LIKELY_ELIGIBLE", "NEEDS_MORE_INFORMATION", "NOT_ELIGIBLE");
    static final List<String> PROGRAMS = List.of("TRAFFICKING_INDICATED", "T1_PRINCIPAL", "HHS_CERTIFICATION",
            "HHS_ELIGIBILITY_LETTER", "HHS_INTERIM_ASSISTANCE", "TVAP_REFERRAL", "TRAFFICKING_VICTIM_SERVICES",
            "VOCA_SERVICES", "CONTINUED_PRESENCE_REFERRAL", "U_VISA", "LSC_LEGAL_AID", "MX_HUMANITARIAN_VISITOR",
            "MX_VICTIM_RIGHTS");
    static final String TOTAL = "TOTAL";

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_:.-]{1,120}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})?");

    private final ReportQueries queries;
    private final Clock clock;

    Reports(ReportQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    /**
     * The month range of a request: {@code yyyy-MM} each, defaults the current month and the eleven before it.
     *
     * @throws ReportRangeException when a month is malformed, the last is before the first, or the range is over 36 months
     */
    public MonthRange range(String fromMonth, String toMonth) {
        try {
            YearMonth last = blank(toMonth) ? YearMonth.now(clock.withZone(ZoneOffset.UTC)) : YearMonth.parse(toMonth);
            YearMonth first = blank(fromMonth) ? last.minusMonths(11) : YearMonth.parse(fromMonth);
            if (last.isBefore(first)) {
                throw new ReportRangeException("toMonth is before fromMonth");
            }
            if (first.plusMonths(MonthRange.MAX_MONTHS).isBefore(last.plusMonths(1))) {
                throw new ReportRangeException("a report covers at most " + MonthRange.MAX_MONTHS + " months");
            }
            return new MonthRange(first, last);
        } catch (DateTimeParseException e) {
            throw new ReportRangeException("a month is written yyyy-MM, e.g. 2026-11");
        }
    }

    /**
     * A report by name.
     *
     * @throws NotFoundException for a name that is not one of {@link #NAMES}
     */
    @Transactional(readOnly = true)
    public Report build(String name, MonthRange range) {
        List<String> months = range.months();
        return switch (name) {
            case "screenings" -> byMonth(name, range, keyed(queries.screenings(ScreeningRollup.SCREENINGS, range)),
                    true, false);
            case "program-status" -> programStatus(range);
            case "interface-languages" -> byMonth(name, range,
                    keyed(queries.screenings(ScreeningRollup.LANGUAGE, range)), true, true);
            case "cases" -> {
                List<ReportQueries.Count> counts = new ArrayList<>(queries.casesOpened(range));
                counts.addAll(queries.referralsProposed(range));
                counts.addAll(queries.referralsAccepted(range));
                Map<String, Map<String, Long>> rows = new LinkedHashMap<>();
                for (String k : List.of("CASES_OPENED", "REFERRALS_PROPOSED", "REFERRALS_ACCEPTED")) {
                    rows.put(k, new TreeMap<>());
                }
                counts.forEach(c -> rows.get(c.key()).merge(c.month(), c.n(), Long::sum));
                yield byMonth(name, range, rows, true, false);
            }
            case "referral-providers" -> referralProviders(range);
            case "person-languages" -> {
                Map<String, Map<String, Long>> rows = new TreeMap<>();
                for (ReportQueries.Count c : queries.caseLanguages(range)) {
                    TreeSet<String> languages = new TreeSet<>();
                    for (String l : (c.key() == null ? "" : c.key()).split(",")) {
                        String code = l.trim().toLowerCase(java.util.Locale.ROOT);
                        languages.add(LANGUAGE.matcher(code).matches() ? code : code.isEmpty() ? "unknown" : "other");
                    }
                    // A case is counted once under each language it lists.
                    languages.forEach(l -> rows.computeIfAbsent(l, k -> new TreeMap<>()).merge(c.month(), c.n(), Long::sum));
                }
                yield byMonth(name, range, rows, true, false);
            }
            case "time-to-acceptance" -> timeToAcceptance(range, months);
            case "declines" -> byMonth(name, range, keyed(queries.declines(range)), true, true);
            case "barriers" -> byMonth(name, range, keyed(queries.screenings(ScreeningRollup.BARRIER, range)),
                    true, false);
            default -> throw new NotFoundException("There is no report named " + (CODE.matcher(name).matches()
                    ? name : "like that") + "; the reports are " + String.join(", ", NAMES) + ".");
        };
    }

    /** Counts by key and month, codes only (anything else is counted as OTHER). */
    private static Map<String, Map<String, Long>> keyed(List<ReportQueries.Count> counts) {
        Map<String, Map<String, Long>> rows = new TreeMap<>();
        for (ReportQueries.Count c : counts) {
            String key = c.key() != null && CODE.matcher(c.key()).matches() ? c.key() : "OTHER";
            rows.computeIfAbsent(key, k -> new TreeMap<>()).merge(c.month(), c.n(), Long::sum);
        }
        return rows;
    }

    private static Report byMonth(String name, MonthRange range, Map<String, Map<String, Long>> rows,
                                  boolean rowTotals, boolean columnTotals) {
        List<String> months = range.months();
        List<String> keys = new ArrayList<>(rows.keySet());
        long[][] counts = new long[keys.size()][months.size()];
        for (int r = 0; r < keys.size(); r++) {
            for (int c = 0; c < months.size(); c++) {
                counts[r][c] = rows.get(keys.get(r)).getOrDefault(months.get(c), 0L);
            }
        }
        return table(name, range, keys, null, months, counts, rowTotals, columnTotals);
    }

    /** Per program (rows) and status (columns) over the range; each row adds up to the screenings counted. */
    private Report programStatus(MonthRange range) {
        Map<String, Map<String, Long>> byProgram = new TreeMap<>(Comparator.comparingInt(Reports::programOrder)
                .thenComparing(Comparator.naturalOrder()));
        for (ReportQueries.Count c : queries.screenings(ScreeningRollup.PROGRAM_STATUS, range)) {
            int colon = c.key().indexOf(':');
            byProgram.computeIfAbsent(c.key().substring(0, colon), k -> new TreeMap<>())
                    .merge(c.key().substring(colon + 1), c.n(), Long::sum);
        }
        List<String> keys = new ArrayList<>(byProgram.keySet());
        long[][] counts = new long[keys.size()][STATUSES.size()];
        for (int r = 0; r < keys.size(); r++) {
            for (int c = 0; c < STATUSES.size(); c++) {
                counts[r][c] = byProgram.get(keys.get(r)).getOrDefault(STATUSES.get(c), 0L);
            }
        }
        // The rows overlap (one screening decides every program), so the columns add up to nothing shown.
        return table("program-status", range, keys, null, STATUSES, counts, true, false);
    }

    private static int programOrder(String program) {
        int i = PROGRAMS.indexOf(program);
        return i < 0 ? PROGRAMS.size() : i;
    }

    /** Per provider (rows, labelled with the directory's name) and referral target (columns), with both totals. */
    private Report referralProviders(MonthRange range) {
        Map<String, Map<String, Long>> byProvider = new TreeMap<>();
        TreeSet<String> targets = new TreeSet<>();
        for (ReportQueries.Count c : queries.referralsByProvider(range)) {
            String target = c.key() != null && CODE.matcher(c.key()).matches() ? c.key() : "OTHER";
            targets.add(target);
            byProvider.computeIfAbsent(c.month(), k -> new TreeMap<>()).merge(target, c.n(), Long::sum);
        }
        List<String> names = new ArrayList<>(byProvider.keySet());
        List<String> columns = new ArrayList<>(targets);
        List<String> keys = new ArrayList<>();
        long[][] counts = new long[names.size()][columns.size()];
        for (int r = 0; r < names.size(); r++) {
            keys.add("PROVIDER_" + (r + 1));
            for (int c = 0; c < columns.size(); c++) {
                counts[r][c] = byProvider.get(names.get(r)).getOrDefault(columns.get(c), 0L);
            }
        }
        return table("referral-providers", range, keys, names, columns, counts, true, true);
    }

    /** Per month of acceptance: accepted referrals (suppressed like any count) and, over 11 or more, p50 and p90. */
    private Report timeToAcceptance(MonthRange range, List<String> months) {
        Map<String, ReportQueries.Durations> byMonth = new LinkedHashMap<>();
        ReportQueries.Durations all = null;
        for (ReportQueries.Durations d : queries.timeToAcceptance(range)) {
            if (d.month() == null) {
                all = d;
            } else {
                byMonth.put(d.month(), d);
            }
        }
        long[][] counts = new long[months.size()][1];
        for (int r = 0; r < months.size(); r++) {
            ReportQueries.Durations d = byMonth.get(months.get(r));
            counts[r][0] = d == null ? 0 : d.n();
        }
        Suppression.Table table = Suppression.apply(counts, false, true);
        List<Report.Row> rows = new ArrayList<>();
        for (int r = 0; r <= months.size(); r++) {
            ReportQueries.Durations d = r < months.size() ? byMonth.get(months.get(r)) : all;
            List<Report.Cell> cells = new ArrayList<>();
            cells.add(cell(table, r, 0));
            boolean enough = !table.hidden(r, 0) && table.values()[r][0] >= Suppression.THRESHOLD;
            cells.add(measure(enough && d != null ? d.medianHours() : null, table.hidden(r, 0)));
            cells.add(measure(enough && d != null ? d.p90Hours() : null, table.hidden(r, 0)));
            rows.add(new Report.Row(r < months.size() ? months.get(r) : TOTAL, null, cells));
        }
        Report.Row totals = rows.remove(rows.size() - 1);
        return new Report("time-to-acceptance", range, List.of("ACCEPTED", "MEDIAN_HOURS", "P90_HOURS"), rows, totals);
    }

    private static Report.Cell measure(Double value, boolean hidden) {
        if (value == null) {
            return new Report.Cell(null, hidden ? Suppression.COMPLEMENTARY_MARK : "",
                    hidden ? Suppression.Kind.COMPLEMENTARY : Suppression.Kind.NONE);
        }
        double rounded = Math.round(value * 10) / 10.0;
        return new Report.Cell(rounded, Double.toString(rounded), Suppression.Kind.NONE);
    }

    private static Report table(String name, MonthRange range, List<String> keys, List<String> labels,
                                List<String> columns, long[][] counts, boolean rowTotals, boolean columnTotals) {
        Suppression.Table table = Suppression.apply(counts, columns.size(), rowTotals, columnTotals);
        List<String> allColumns = new ArrayList<>(columns);
        if (rowTotals) {
            allColumns.add(TOTAL);
        }
        List<Report.Row> rows = new ArrayList<>();
        for (int r = 0; r < keys.size(); r++) {
            rows.add(row(table, r, keys.get(r), labels == null ? null : labels.get(r), allColumns.size()));
        }
        Report.Row totals = columnTotals ? row(table, keys.size(), TOTAL, null, allColumns.size()) : null;
        return new Report(name, range, allColumns, rows, totals);
    }

    private static Report.Row row(Suppression.Table table, int r, String key, String label, int columns) {
        List<Report.Cell> cells = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            cells.add(cell(table, r, c));
        }
        return new Report.Row(key, label, cells);
    }

    private static Report.Cell cell(Suppression.Table table, int r, int c) {
        Suppression.Kind kind = table.kinds()[r][c];
        return new Report.Cell(kind == Suppression.Kind.NONE ? (double) table.values()[r][c] : null,
                table.shown(r, c), kind);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
