package org.refugio.reports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.refugio.reports.Suppression.Kind;

/** No count under 11 is ever shown, and no total gives one away. */
class SuppressionTest {

    @Test
    void aReportOverTenPeopleShowsNoCount() {
        // Ten people over three months: every month and the total are under 11.
        Suppression.Table t = Suppression.apply(new long[][] {{3, 5, 2}}, true, false);
        for (int c = 0; c < 4; c++) {
            assertThat(t.hidden(0, c)).as("column %d", c).isTrue();
            assertThat(t.shown(0, c)).isEqualTo("<11");
        }
    }

    @Test
    void countsOfElevenAndMoreAndZeroAreShown() {
        Suppression.Table t = Suppression.apply(new long[][] {{11, 0, 40}}, true, false);
        assertThat(t.shown(0, 0)).isEqualTo("11");
        assertThat(t.shown(0, 1)).isEqualTo("0");
        assertThat(t.shown(0, 2)).isEqualTo("40");
        assertThat(t.shown(0, 3)).isEqualTo("51");
    }

    @Test
    void aSingleSmallCellInARowWithATotalHidesTheNextSmallestToo() {
        // 50 + 20 + 4 + 30 = 104: with only the 4 hidden, 104 - 50 - 20 - 30 would give it away.
        Suppression.Table t = Suppression.apply(new long[][] {{50, 20, 4, 30}}, true, false);
        assertThat(t.kinds()[0]).containsExactly(Kind.NONE, Kind.COMPLEMENTARY, Kind.PRIMARY, Kind.NONE, Kind.NONE);
        assertThat(t.shown(0, 1)).isEqualTo("suppressed");
        assertThat(t.shown(0, 4)).isEqualTo("104");
        assertNoLineRevealsOneHiddenCell(t);
    }

    @Test
    void complementarySuppressionRunsAcrossRowsAndColumnsUntilNothingIsRevealed() {
        long[][] counts = {
            {30, 3, 40},
            {25, 60, 15},
            {12, 44, 70},
        };
        Suppression.Table t = Suppression.apply(counts, true, true);
        assertThat(t.kinds()[0][1]).isEqualTo(Kind.PRIMARY);
        assertNoLineRevealsOneHiddenCell(t);
        // Column 1 needed a second hidden cell too; its smallest other non-zero cell is 44.
        assertThat(t.hidden(2, 1)).isTrue();
    }

    @Test
    void whenOnlyTheTotalIsLeftTheTotalIsHidden() {
        // One column and its total: the total would be the cell itself minus nothing, so a hidden cell hides it.
        Suppression.Table t = Suppression.apply(new long[][] {{5}, {0}}, false, true);
        assertThat(t.hidden(0, 0)).isTrue();
        assertThat(t.hidden(2, 0)).isTrue();
        assertThat(t.shown(1, 0)).isEqualTo("0");
    }

    @Test
    void aSmallTotalIsHiddenEvenWhenNoCellIsSmall() {
        Suppression.Table t = Suppression.apply(new long[][] {{0, 0}, {0, 0}}, true, true);
        assertThat(t.shown(2, 2)).isEqualTo("0");
        Suppression.Table u = Suppression.apply(new long[][] {{11, 0}, {0, 0}}, true, true);
        assertThat(u.hidden(0, 0)).isFalse();
        assertNoLineRevealsOneHiddenCell(u);
    }

    @Test
    void rowsThatAddUpToNothingShownAreOnlyPrimarySuppressed() {
        // The barriers: one decision can have several decisive criteria, so rows overlap and have no column total.
        Suppression.Table t = Suppression.apply(new long[][] {{40, 7}, {90, 30}}, false, false);
        assertThat(t.kinds()[0]).containsExactly(Kind.NONE, Kind.PRIMARY);
        assertThat(t.kinds()[1]).containsExactly(Kind.NONE, Kind.NONE);
    }

    @Test
    void randomTablesNeverShowASmallCountOrAnEquationWithOneUnknown() {
        java.util.Random random = new java.util.Random(13);
        for (int run = 0; run < 500; run++) {
            int rows = 1 + random.nextInt(5);
            int columns = 1 + random.nextInt(6);
            long[][] counts = new long[rows][columns];
            for (long[] row : counts) {
                for (int c = 0; c < columns; c++) {
                    row[c] = random.nextInt(4) == 0 ? 0 : random.nextInt(40);
                }
            }
            Suppression.Table t = Suppression.apply(counts, random.nextBoolean(), random.nextBoolean());
            for (int r = 0; r < t.values().length; r++) {
                for (int c = 0; c < t.values()[r].length; c++) {
                    if (Suppression.small(t.values()[r][c])) {
                        assertThat(t.hidden(r, c)).isTrue();
                    }
                    if (!t.hidden(r, c)) {
                        assertThat(t.shown(r, c)).isEqualTo(Long.toString(t.values()[r][c]));
                    }
                }
            }
            assertNoLineRevealsOneHiddenCell(t);
        }
    }

    /** Every row and column that adds up to its total has zero or at least two hidden entries. */
    private static void assertNoLineRevealsOneHiddenCell(Suppression.Table t) {
        int rows = t.values().length;
        int columns = t.values()[0].length;
        if (t.rowTotals()) {
            for (int r = 0; r < rows; r++) {
                int hidden = 0;
                for (int c = 0; c < columns; c++) {
                    hidden += t.hidden(r, c) ? 1 : 0;
                }
                assertThat(hidden).as("row %d", r).isNotEqualTo(1);
            }
        }
        if (t.columnTotals()) {
            for (int c = 0; c < columns; c++) {
                int hidden = 0;
                for (int r = 0; r < rows; r++) {
                    hidden += t.hidden(r, c) ? 1 : 0;
                }
                assertThat(hidden).as("column %d", c).isNotEqualTo(1);
            }
        }
    }
}
