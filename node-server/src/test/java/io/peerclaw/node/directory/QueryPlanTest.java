package io.peerclaw.node.directory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryPlanTest {
    @Test
    void aSmallSetIsReadFirst() {
        // 1.5 % of agents: a page needs ~1,400 rows of the sort order, more than the set's 1,000.
        assertThat(QueryPlan.choose(100_000, 21, new long[] {1_000}, 1)).isZero();
        // Each row of the sort order costs the row and a check, each member of the set only its
        // row: 1,700 members (1.7 %) still beat ~1,240 rows of the order.
        assertThat(QueryPlan.choose(100_000, 21, new long[] {1_700}, 1)).isZero();
        assertThat(QueryPlan.choose(100_000, 21, new long[] {2_500}, 1)).isEqualTo(-1);
        assertThat(QueryPlan.choose(100_000, 21, new long[] {4_000, 30}, 1)).isEqualTo(1);
        assertThat(QueryPlan.choose(100_000, 21, new long[] {0}, 1)).isZero();
    }

    @Test
    void commonSetsAreCheckedWhileReadingTheSortOrder() {
        // Half of all agents: 42 rows of the sort order fill a page, far fewer than the set.
        assertThat(QueryPlan.choose(100_000, 21, new long[] {DirectoryStore.COUNT_CAP + 1}, 1))
                .isEqualTo(-1);
        assertThat(QueryPlan.choose(100_000, 21, new long[] {3_000}, 1)).isEqualTo(-1);
        assertThat(QueryPlan.choose(1_000, 21, new long[] {900}, 1)).isEqualTo(-1);
    }

    @Test
    void combinedFiltersMakeTheSortOrderCostlier() {
        // Each set alone keeps 5 %: reading the order needs 420 rows, less than a set of 5,000;
        // together they keep 0.25 %: 8,400 rows, so the smaller set wins.
        assertThat(QueryPlan.choose(100_000, 21, new long[] {5_000}, 1)).isEqualTo(-1);
        assertThat(QueryPlan.choose(100_000, 21, new long[] {5_000, 4_900}, 1)).isEqualTo(1);
        assertThat(QueryPlan.choose(100_000, 21, new long[] {}, 1)).isEqualTo(-1);
    }
}
