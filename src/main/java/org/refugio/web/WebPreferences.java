package org.refugio.web;

import java.time.Clock;
import java.sql.Timestamp;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** What a staff user chose for the interface (their language), kept across sessions. Staff ids only. */
@Repository
public class WebPreferences {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    WebPreferences(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<Locale> language(String userId) {
        List<String> found = jdbc.queryForList(
                "select language from web_user_preference where user_id = ?", String.class, userId);
        return found.isEmpty() ? Optional.empty() : InterfaceLanguage.parse(found.get(0));
    }

    public void saveLanguage(String userId, Locale language) {
        Timestamp now = Timestamp.from(clock.instant());
        String tag = language.getLanguage();
        if (jdbc.update("update web_user_preference set language = ?, updated_at = ? where user_id = ?",
                tag, now, userId) > 0) {
            return;
        }
        try {
            jdbc.update("insert into web_user_preference (user_id, language, updated_at) values (?, ?, ?)",
                    userId, tag, now);
        } catch (DuplicateKeyException raced) {
            jdbc.update("update web_user_preference set language = ?, updated_at = ? where user_id = ?",
                    tag, now, userId);
        }
    }
}
