package org.refugio.reports;

import java.util.List;

/**
 * One aggregate report after suppression: codes as row keys, months (or statuses, or measures) as columns, and
 * every cell as it may be shown. Nothing in it is an id or free text; a provider's directory name is the only label.
 *
 * @param name      the report, e.g. {@code barriers}
 * @param range     the months counted
 * @param columns   column keys, {@code TOTAL} last where rows add up
 * @param rows      one row per code
 * @param totals    the column totals, or null where the rows do not add up
 */
public record Report(String name, MonthRange range, List<String> columns, List<Row> rows, Row totals) {

    /** A row: its code, a label where the code is not one (a provider's name), and its cells. */
    public record Row(String key, String label, List<Cell> cells) { }

    /**
     * A cell as it may be shown.
     *
     * @param value       the count or measure, null when hidden or not known
     * @param shown       the text to show: the value, {@code <11}, {@code suppressed}, or empty
     * @param suppression why it is hidden
     */
    public record Cell(Double value, String shown, Suppression.Kind suppression) {

        public boolean hidden() {
            return suppression != Suppression.Kind.NONE;
        }
    }

    /** Every row, the totals row last where there is one. */
    public List<Row> rowsWithTotals() {
        if (totals == null) {
            return rows;
        }
        List<Row> all = new java.util.ArrayList<>(rows);
        all.add(totals);
        return all;
    }
}
