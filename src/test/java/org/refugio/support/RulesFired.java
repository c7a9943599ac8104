package org.refugio.support;

import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/** The rules stored as having taken part in a decision (the {@code rules_fired} array, V92), on either database. */
public final class RulesFired {

    private RulesFired() {
    }

    public static List<String> of(JdbcTemplate jdbc, Object decisionId) {
        List<List<String>> found = jdbc.query("select rules_fired from screening_decision where id = cast(? as uuid)",
                (rs, n) -> rs.getArray(1) == null ? List.of()
                        : Arrays.stream((Object[]) rs.getArray(1).getArray()).map(String::valueOf).toList(),
                decisionId.toString());
        return found.isEmpty() ? List.of() : found.get(0);
    }
}
