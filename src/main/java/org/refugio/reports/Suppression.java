package org.refugio.reports;

/**
 * Small-cell suppression of a table of counts (issue 13): no count under {@value #THRESHOLD} is ever shown.
 *
 * <p>The method, in two steps over the table <em>with its margins</em> (row totals, column totals, grand total,
 * where the report shows them):
 * <ol>
 *   <li><b>Primary</b>: every count from 1 to 10 — a cell or a total — is hidden and shown as {@code <11}. Zero is
 *       shown: it names nobody.</li>
 *   <li><b>Complementary</b>: a row (or column) whose cells add up to a shown total is an equation; if exactly one of
 *       its entries is hidden, the others would give it away by subtraction. So its smallest other non-zero cell is
 *       hidden too (else a zero cell, else the total). That can leave another line with a single hidden entry, so
 *       the step repeats over every row and column until no line has exactly one hidden entry.</li>
 * </ol>
 * Rows that do not add up to anything shown (a report without totals, or whose rows overlap, e.g. the barriers:
 * one decision can have several decisive criteria) are equations of nobody, and only the primary step applies.
 * The result is the usual "at least two hidden per line" rule of statistical agencies; it does not defend against
 * an attacker who combines several reports of overlapping ranges (the report ranges are whole months).
 */
public final class Suppression {

    /** Counts under this are never shown. */
    public static final int THRESHOLD = 11;

    /** How a hidden count is shown. */
    public static final String PRIMARY_MARK = "<11";

    /** How a count hidden to protect another one is shown. */
    public static final String COMPLEMENTARY_MARK = "suppressed";

    public enum Kind { NONE, PRIMARY, COMPLEMENTARY }

    /**
     * A table after suppression: {@code values} and {@code kinds} have one more column when rows have totals (the
     * last) and one more row when columns have totals (the last); the grand total sits where both meet.
     */
    public record Table(long[][] values, Kind[][] kinds, boolean rowTotals, boolean columnTotals) {

        public boolean hidden(int row, int column) {
            return kinds[row][column] != Kind.NONE;
        }

        /** The count as shown: the number, {@code <11} or {@code suppressed}. */
        public String shown(int row, int column) {
            return switch (kinds[row][column]) {
                case NONE -> Long.toString(values[row][column]);
                case PRIMARY -> PRIMARY_MARK;
                case COMPLEMENTARY -> COMPLEMENTARY_MARK;
            };
        }
    }

    private Suppression() {
    }

    /** True for a count that may never be shown (1 to 10). */
    public static boolean small(long count) {
        return count > 0 && count < THRESHOLD;
    }

    /**
     * Suppresses a table of counts.
     *
     * @param counts       rows × columns, all rows of the same length, no negative count
     * @param rowTotals    each row's cells add up to a total shown at its end
     * @param columnTotals each column's cells add up to a total shown under it
     */
    public static Table apply(long[][] counts, boolean rowTotals, boolean columnTotals) {
        return apply(counts, counts.length == 0 ? 0 : counts[0].length, rowTotals, columnTotals);
    }

    /** As {@link #apply(long[][], boolean, boolean)}, naming the number of columns (for a table without rows). */
    public static Table apply(long[][] counts, int columns, boolean rowTotals, boolean columnTotals) {
        int rows = counts.length;
        int r2 = rows + (columnTotals ? 1 : 0);
        int c2 = columns + (rowTotals ? 1 : 0);
        long[][] v = new long[r2][c2];
        for (int r = 0; r < rows; r++) {
            if (counts[r].length != columns) {
                throw new IllegalArgumentException("rows of different lengths");
            }
            for (int c = 0; c < columns; c++) {
                if (counts[r][c] < 0) {
                    throw new IllegalArgumentException("negative count");
                }
                v[r][c] = counts[r][c];
                if (rowTotals) {
                    v[r][columns] += counts[r][c];
                }
                if (columnTotals) {
                    v[rows][c] += counts[r][c];
                }
                if (rowTotals && columnTotals) {
                    v[rows][columns] += counts[r][c];
                }
            }
        }
        Kind[][] kinds = new Kind[r2][c2];
        for (int r = 0; r < r2; r++) {
            for (int c = 0; c < c2; c++) {
                kinds[r][c] = small(v[r][c]) ? Kind.PRIMARY : Kind.NONE;
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            if (rowTotals) {
                // Each row (the totals row too) is cells + total: columns 0..columns-1 add up to column `columns`.
                for (int r = 0; r < r2; r++) {
                    changed |= protect(v, kinds, true, r, columns);
                }
            }
            if (columnTotals) {
                for (int c = 0; c < c2; c++) {
                    changed |= protect(v, kinds, false, c, rows);
                }
            }
        }
        return new Table(v, kinds, rowTotals, columnTotals);
    }

    /**
     * One equation: the entries 0..n-1 of a row (or column) add up to entry n. With exactly one hidden entry, hides
     * the smallest non-zero other cell, else a zero cell, else the total. Returns whether it hid something.
     */
    private static boolean protect(long[][] v, Kind[][] kinds, boolean row, int line, int n) {
        int hidden = 0;
        for (int i = 0; i <= n; i++) {
            if (kind(kinds, row, line, i) != Kind.NONE) {
                hidden++;
            }
        }
        if (hidden != 1) {
            return false;
        }
        int choice = -1;
        for (int i = 0; i < n; i++) {
            if (kind(kinds, row, line, i) == Kind.NONE && value(v, row, line, i) > 0
                    && (choice < 0 || value(v, row, line, i) < value(v, row, line, choice))) {
                choice = i;
            }
        }
        if (choice < 0) {
            for (int i = 0; i < n && choice < 0; i++) {
                if (kind(kinds, row, line, i) == Kind.NONE) {
                    choice = i;
                }
            }
        }
        if (choice < 0) {
            choice = n;
        }
        if (row) {
            kinds[line][choice] = Kind.COMPLEMENTARY;
        } else {
            kinds[choice][line] = Kind.COMPLEMENTARY;
        }
        return true;
    }

    private static Kind kind(Kind[][] kinds, boolean row, int line, int i) {
        return row ? kinds[line][i] : kinds[i][line];
    }

    private static long value(long[][] v, boolean row, int line, int i) {
        return row ? v[line][i] : v[i][line];
    }
}
