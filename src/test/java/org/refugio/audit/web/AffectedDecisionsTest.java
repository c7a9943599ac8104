package org.refugio.audit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.refugio.api.model.ImpactResult;

/** The impact result page lists the first affected decisions and counts the rest (issue 14). */
class AffectedDecisionsTest {

    private static final int LIMIT = ImpactPagesController.LISTED_DECISIONS;

    @Test
    void aFewAreAllListedAndNoneIsLeftToCount() {
        List<UUID> ids = ids(3);
        var affected = ImpactPagesController.affected(new ImpactResult().decisionsChanged(3L).affectedDecisionIds(ids));
        assertThat(affected.listed()).isEqualTo(ids);
        assertThat(affected.more()).isZero();
    }

    @Test
    void manyAreCutToTheFirstByIdAsTextAndTheRestCounted() {
        List<UUID> ids = ids(LIMIT + 7);
        var affected = ImpactPagesController.affected(
                new ImpactResult().decisionsChanged((long) LIMIT + 7).affectedDecisionIds(reversed(ids)));
        assertThat(affected.listed()).isEqualTo(ids.subList(0, LIMIT));
        assertThat(affected.more()).isEqualTo(7);
    }

    @Test
    void theOrderIsTheTextsNotUuidCompareTos() {
        UUID high = UUID.fromString("80000000-0000-0000-0000-000000000000");
        UUID low = UUID.fromString("00000000-0000-0000-0000-000000000001");
        assertThat(high).as("UUID compares signed").isLessThan(low);
        var affected = ImpactPagesController.affected(
                new ImpactResult().decisionsChanged(2L).affectedDecisionIds(List.of(high, low)));
        assertThat(affected.listed()).containsExactly(low, high);
    }

    @Test
    void decisionsCountedButNotKeptByTheAnalysisAreCountedToo() {
        List<UUID> ids = ids(LIMIT + 1);
        var affected = ImpactPagesController.affected(
                new ImpactResult().decisionsChanged(25_000L).affectedDecisionIds(ids).affectedDecisionIdsTruncated(true));
        assertThat(affected.listed()).hasSize(LIMIT);
        assertThat(affected.more()).isEqualTo(25_000 - LIMIT);
    }

    @Test
    void noneChangedListsNone() {
        var affected = ImpactPagesController.affected(new ImpactResult().decisionsChanged(0L));
        assertThat(affected.listed()).isEmpty();
        assertThat(affected.more()).isZero();
    }

    private static List<UUID> reversed(List<UUID> ids) {
        List<UUID> copy = new java.util.ArrayList<>(ids);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private static List<UUID> ids(int n) {
        return Stream.generate(UUID::randomUUID).limit(n).sorted(Comparator.comparing(UUID::toString)).toList();
    }
}
