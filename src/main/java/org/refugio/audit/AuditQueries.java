package org.refugio.audit;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.refugio.api.model.AuditDecisionPage;
import org.refugio.api.model.AuditDecisionSummary;
import org.refugio.api.model.ProgramCode;
import org.refugio.api.model.ProgramOutcome;
import org.refugio.api.model.RulesetRef;
import org.refugio.api.model.Status;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Finding decisions for auditors, newest first, from the indexed columns (never by parsing stored JSON). */
@Repository
class AuditQueries {

    record Filter(OffsetDateTime from, OffsetDateTime to, ProgramCode program, Status status, String rulesetVersion,
                  String ruleId) { }

    private final JdbcTemplate jdbc;
    /** The rules fired are an array on the decision (V92); PostgreSQL's containment operator uses its GIN index. */
    private final String ruleFired;

    AuditQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        boolean postgres = "PostgreSQL".equalsIgnoreCase(jdbc.execute(
                (ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName()));
        this.ruleFired = postgres ? " and d.rules_fired @> array[?]::varchar[]" : " and array_contains(d.rules_fired, ?)";
    }

    AuditDecisionPage decisions(Filter filter, int page, int size) {
        List<Object> args = new ArrayList<>();
        String where = where(filter, args);
        Long total = jdbc.queryForObject("select count(*) from screening_decision d" + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(size);
        pageArgs.add((long) page * size);
        List<AuditDecisionSummary> items = jdbc.query(
                "select d.id, d.decided_at, d.as_of_date, d.ruleset_version, d.ruleset_sha256,"
                        + " (select min(a.seq) from audit_log a where a.decision_id = d.id and a.action = '"
                        + ScreeningAudit.ACTION + "') as audit_seq"
                        + " from screening_decision d" + where + " order by d.decided_at desc, d.id desc limit ? offset ?",
                (rs, n) -> new AuditDecisionSummary()
                        .id(rs.getObject("id", UUID.class))
                        .decidedAt(rs.getObject("decided_at", OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC))
                        .asOfDate(rs.getObject("as_of_date", LocalDate.class))
                        .ruleset(new RulesetRef().version(rs.getString("ruleset_version"))
                                .sha256(rs.getString("ruleset_sha256").trim()))
                        .auditSeq(rs.getObject("audit_seq") == null ? null : rs.getLong("audit_seq"))
                        .programs(new ArrayList<>()),
                pageArgs.toArray());
        if (!items.isEmpty()) {
            Map<UUID, AuditDecisionSummary> byId = new HashMap<>();
            items.forEach(i -> byId.put(i.getId(), i));
            jdbc.query("select decision_id, program, status from screening_program_outcome where decision_id in ("
                            + String.join(",", Collections.nCopies(items.size(), "?")) + ")",
                    rs -> {
                        byId.get(rs.getObject(1, UUID.class)).addProgramsItem(new ProgramOutcome()
                                .program(ProgramCode.fromValue(rs.getString(2)))
                                .status(Status.fromValue(rs.getString(3))));
                    }, items.stream().map(AuditDecisionSummary::getId).toArray());
            items.forEach(i -> i.getPrograms().sort(Comparator.comparing(p -> p.getProgram().ordinal())));
        }
        return new AuditDecisionPage().items(items).page(page).size(size).totalItems(total == null ? 0 : total);
    }

    private String where(Filter f, List<Object> args) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        if (f.from() != null) {
            where.append(" and d.decided_at >= ?");
            args.add(Timestamp.from(f.from().toInstant()));
        }
        if (f.to() != null) {
            where.append(" and d.decided_at < ?");
            args.add(Timestamp.from(f.to().toInstant()));
        }
        if (f.rulesetVersion() != null) {
            where.append(" and d.ruleset_version = ?");
            args.add(f.rulesetVersion());
        }
        if (f.program() != null || f.status() != null) {
            where.append(" and exists (select 1 from screening_program_outcome o where o.decision_id = d.id");
            if (f.program() != null) {
                where.append(" and o.program = ?");
                args.add(f.program().getValue());
            }
            if (f.status() != null) {
                where.append(" and o.status = ?");
                args.add(f.status().getValue());
            }
            where.append(")");
        }
        if (f.ruleId() != null) {
            where.append(ruleFired);
            args.add(f.ruleId());
        }
        return where.toString();
    }
}
