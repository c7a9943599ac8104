package org.refugio.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Every audit record of one case, oldest first: what the case page shows as its timeline (issue 11 item 5). Reads
 * only; the records carry ids, codes and rule IDs, never personal data.
 */
@Service
public class CaseTimeline {

    /** One record: when, who, what, how it came out, and the rules that decided it. */
    public record Event(long seq, Instant at, String actor, String action, String outcome, List<String> ruleIds,
                        Map<String, Object> detail) { }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final AuditSealer sealer;

    CaseTimeline(JdbcTemplate jdbc, ObjectMapper json, AuditSealer sealer) {
        this.jdbc = jdbc;
        this.json = json;
        this.sealer = sealer;
    }

    /** Seals what is pending first, as every auditor read does, so the page shows what just happened. */
    public List<Event> of(UUID caseId) {
        sealer.sealPending();
        return jdbc.query("select seq, recorded_at, actor, action, detail from audit_log where subject_id = ?"
                + " order by seq", (rs, n) -> {
                    Map<String, Object> detail = read(rs.getString("detail"));
                    Object outcome = detail.get("outcome");
                    Object rules = detail.get("ruleIds");
                    return new Event(rs.getLong("seq"), rs.getTimestamp("recorded_at").toInstant(),
                            rs.getString("actor"), rs.getString("action"), outcome == null ? null : outcome.toString(),
                            rules instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(), detail);
                }, caseId.toString());
    }

    private Map<String, Object> read(String detail) {
        try {
            return detail == null || detail.isBlank() ? Map.of() : json.readValue(detail, new TypeReference<>() { });
        } catch (Exception e) {
            return Map.of();
        }
    }
}
