package org.refugio.reports;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every query of the reports, in one place: SQL aggregates that run on PostgreSQL and on H2 (PostgreSQL mode).
 * Screening counts come from the read model {@code report_screening_month} ({@link ScreeningRollup}) plus its deltas
 * not yet folded; case counts
 * from the case and referral tables and, for escalations, from the case events' records in the audit log (read
 * only, action and time). Months are UTC; every answer holds codes and counts only.
 */
@Component
class ReportQueries {

    /** (month yyyy-MM or null, key, count). */
    record Count(String month, String key, long n) { }

    /** Accepted referrals of one month (null: the whole range): how many, and hours from case opened, p50 and p90. */
    record Durations(String month, long n, Double medianHours, Double p90Hours) { }

    private final JdbcTemplate jdbc;

    ReportQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The month (yyyymm, UTC) of a timestamp with time zone, in SQL both databases read. */
    static String month(String column) {
        String utc = "(" + column + " at time zone 'UTC')";
        return "(extract(year from " + utc + ") * 100 + extract(month from " + utc + "))";
    }

    private static String month(Number yyyymm) {
        int v = yyyymm.intValue();
        return String.format("%04d-%02d", v / 100, v % 100);
    }

    /**
     * Screening counts of one dimension of the read model, by month and item: the folded counts of
     * {@code report_screening_month} plus the deltas not yet folded ({@code report_screening_delta}), in one
     * statement (one snapshot: a batch folded meanwhile is seen either as deltas or as counts, never both). Chosen
     * over folding first: a report neither writes nor waits for the folder's lock, and the deltas left are at most
     * a few seconds of screenings (indexed by dimension and month).
     */
    List<Count> screenings(String dimension, MonthRange range) {
        String first = range.first().toString();
        String last = range.last().toString();
        return jdbc.query("select report_month, item, sum(n) n from ("
                        + "select report_month, item, n from report_screening_month"
                        + " where dimension = ? and report_month >= ? and report_month <= ?"
                        + " union all select report_month, item, count(*) n from report_screening_delta"
                        + " where dimension = ? and report_month >= ? and report_month <= ? group by report_month, item"
                        + ") x group by report_month, item",
                (rs, i) -> new Count(rs.getString("report_month"), rs.getString("item"), rs.getLong("n")),
                dimension, first, last, dimension, first, last);
    }

    List<Count> casesOpened(MonthRange range) {
        String m = month("opened_at");
        return byMonth("select " + m + " m, 'CASES_OPENED' k, count(*) n from legal_aid_case"
                + " where opened_at >= ? and opened_at < ? group by " + m, range);
    }

    List<Count> referralsProposed(MonthRange range) {
        String m = month("proposed_at");
        return byMonth("select " + m + " m, 'REFERRALS_PROPOSED' k, count(*) n from referral"
                + " where proposed_at >= ? and proposed_at < ? group by " + m, range);
    }

    List<Count> referralsAccepted(MonthRange range) {
        String m = month("responded_at");
        return byMonth("select " + m + " m, 'REFERRALS_ACCEPTED' k, count(*) n from referral"
                + " where status = 'ACCEPTED' and responded_at >= ? and responded_at < ? group by " + m, range);
    }

    /** Referrals proposed in the range, by provider (its directory name) and referral target. */
    List<Count> referralsByProvider(MonthRange range) {
        return jdbc.query("select p.name, r.target, count(*) n from referral r"
                        + " join legal_aid_provider p on p.id = r.provider_id"
                        + " where r.proposed_at >= ? and r.proposed_at < ? group by p.name, r.target",
                (rs, i) -> new Count(rs.getString(1), rs.getString(2), rs.getLong(3)),
                Timestamp.from(range.start()), Timestamp.from(range.end()));
    }

    /** Cases opened, by month and the stored list of the person's languages (comma-separated codes). */
    List<Count> caseLanguages(MonthRange range) {
        String m = month("opened_at");
        return byMonth("select " + m + " m, client_languages k, count(*) n from legal_aid_case"
                + " where opened_at >= ? and opened_at < ? group by " + m + ", client_languages", range);
    }

    /** Provider declines by reason code, unanswered referrals, client declines by reason code, escalations. */
    List<Count> declines(MonthRange range) {
        List<Count> all = new ArrayList<>();
        String responded = month("responded_at");
        all.addAll(byMonth("select " + responded + " m, response_reason_code k, count(*) n from referral"
                + " where status = 'DECLINED' and responded_at >= ? and responded_at < ?"
                + " group by " + responded + ", response_reason_code", range, "PROVIDER_DECLINED:"));
        String due = month("response_due_at");
        all.addAll(byMonth("select " + due + " m, 'PROVIDER_NO_RESPONSE' k, count(*) n from referral"
                + " where status = 'NO_RESPONSE' and response_due_at >= ? and response_due_at < ?"
                + " group by " + due, range, ""));
        String closed = month("closed_at");
        all.addAll(byMonth("select " + closed + " m, closing_reason_code k, count(*) n from legal_aid_case"
                + " where status = 'CLIENT_DECLINED_REFERRAL' and closed_at >= ? and closed_at < ?"
                + " group by " + closed + ", closing_reason_code", range, "CLIENT_DECLINED:"));
        String recorded = month("recorded_at");
        all.addAll(byMonth("select " + recorded + " m, 'ESCALATED:NO_SUITABLE_PROVIDER' k, count(*) n from audit_log"
                + " where action = 'REFERRAL_ESCALATED' and recorded_at >= ? and recorded_at < ?"
                + " group by " + recorded, range, ""));
        return all;
    }

    /** Hours from case opened to referral accepted, per month of acceptance, and over the whole range (month null). */
    List<Durations> timeToAcceptance(MonthRange range) {
        String hours = "((extract(epoch from r.responded_at) - extract(epoch from c.opened_at)) / 3600.0)";
        String from = " from referral r join legal_aid_case c on c.id = r.case_id"
                + " where r.status = 'ACCEPTED' and r.responded_at >= ? and r.responded_at < ?";
        String measures = "count(*) n, percentile_cont(0.5) within group (order by " + hours + ") p50,"
                + " percentile_cont(0.9) within group (order by " + hours + ") p90";
        String m = month("r.responded_at");
        List<Durations> rows = new ArrayList<>(jdbc.query("select " + m + " m, " + measures + from + " group by " + m,
                (rs, i) -> new Durations(month((Number) rs.getObject("m")), rs.getLong("n"), number(rs.getObject("p50")),
                        number(rs.getObject("p90"))),
                Timestamp.from(range.start()), Timestamp.from(range.end())));
        rows.addAll(jdbc.query("select " + measures + from,
                (rs, i) -> new Durations(null, rs.getLong("n"), number(rs.getObject("p50")), number(rs.getObject("p90"))),
                Timestamp.from(range.start()), Timestamp.from(range.end())));
        return rows;
    }

    private static Double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }

    private List<Count> byMonth(String sql, MonthRange range) {
        return byMonth(sql, range, "");
    }

    private List<Count> byMonth(String sql, MonthRange range, String prefix) {
        return jdbc.query(sql, (rs, i) -> new Count(month((Number) rs.getObject("m")),
                        prefix + (rs.getString("k") == null ? "UNKNOWN" : rs.getString("k")), rs.getLong("n")),
                Timestamp.from(range.start()), Timestamp.from(range.end()));
    }
}
