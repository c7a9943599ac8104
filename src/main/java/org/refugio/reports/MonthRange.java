package org.refugio.reports;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Whole months, in UTC, first to last inclusive. */
public record MonthRange(YearMonth first, YearMonth last) {

    /** At most three years in one report. */
    public static final int MAX_MONTHS = 36;

    public MonthRange {
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("the last month is before the first");
        }
    }

    public List<String> months() {
        List<String> months = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            months.add(m.toString());
        }
        return months;
    }

    public Instant start() {
        return first.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** The first instant after the range. */
    public Instant end() {
        return last.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
