package org.refugio.eligibility;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.refugio.eligibility.facts.PovertyRegion;

/**
 * HHS poverty guidelines as dated parameters (rules/parameters/poverty-guidelines.csv), each row with its
 * source and verification tag. guideline(n) = base + (n - 1) x increment (criteria 8.4); the table in force
 * on the screening date applies.
 */
public final class PovertyGuidelines {

    public record Row(LocalDate effectiveFrom, PovertyRegion region, BigDecimal base, BigDecimal increment,
                      String tag, String source) {

        public BigDecimal guideline(int householdSize) {
            return base.add(increment.multiply(BigDecimal.valueOf(householdSize - 1L)));
        }
    }

    private final List<Row> rows;

    public PovertyGuidelines(List<Row> rows) {
        this.rows = rows.stream().sorted(Comparator.comparing(Row::effectiveFrom).reversed()).toList();
    }

    /** Parses {@code effective_from,region,base,increment,tag,source}; '#' starts a comment line. */
    public static PovertyGuidelines parse(String csv) {
        List<Row> rows = new ArrayList<>();
        for (String line : csv.split("\\R")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#") || l.startsWith("effective_from")) {
                continue;
            }
            String[] f = l.split(",", 6);
            rows.add(new Row(LocalDate.parse(f[0].strip()), PovertyRegion.valueOf(f[1].strip()),
                    new BigDecimal(f[2].strip()), new BigDecimal(f[3].strip()), f[4].strip(),
                    f[5].strip().replaceAll("^\"|\"$", "")));
        }
        return new PovertyGuidelines(rows);
    }

    /** The row in force on a date, or null when no table was in force yet. */
    public Row inForce(PovertyRegion region, LocalDate date) {
        for (Row r : rows) {
            if (r.region() == region && !r.effectiveFrom().isAfter(date)) {
                return r;
            }
        }
        return null;
    }

    public List<Row> rows() {
        return rows;
    }
}
