package org.refugio.ruleset;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;

/** Reading dates from the ruleset's YAML files, whether SnakeYAML parsed them as dates or left them as text. */
final class DatedText {

    private DatedText() {
    }

    static LocalDate date(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Date d) {
            return d.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
        }
        if (value instanceof LocalDate d) {
            return d;
        }
        return LocalDate.parse(value.toString().trim());
    }
}
