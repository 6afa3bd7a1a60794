package io.peerclaw.node.directory;

/**
 * Chooses how a listing is read. Reading the sort order's index costs, for each of about {@code
 * limit / selectivity} rows, the row itself and a check per set filter (rows are checked until a
 * page is full). Reading the smallest filter set costs, for each of its members, a check per other
 * set and the agent's row (then only its rows are sorted). Set sizes are counted only up to {@link
 * DirectoryStore#COUNT_CAP}, which is enough: a larger set is never worth starting from. Filters
 * are assumed independent, which is good enough to pick between two plans that are both cheap when
 * the guess is near.
 */
final class QueryPlan {
    private QueryPlan() {}

    /**
     * The index of the set to start from, or -1 to read the sort order.
     *
     * @param agents how many agents there are (roughly)
     * @param setCounts bounded sizes of the set filters
     * @param otherSelectivity the estimated share of rows the column filters keep
     */
    static int choose(long agents, int limit, long[] setCounts, double otherSelectivity) {
        if (setCounts.length == 0) {
            return -1;
        }
        double total = Math.max(1, agents);
        double selectivity = Math.min(1, Math.max(otherSelectivity, 0));
        int smallest = -1;
        for (int i = 0; i < setCounts.length; i++) {
            selectivity *= Math.min(1, setCounts[i] / total);
            if (setCounts[i] <= DirectoryStore.COUNT_CAP
                    && (smallest < 0 || setCounts[i] < setCounts[smallest])) {
                smallest = i;
            }
        }
        if (smallest < 0) {
            return -1;
        }
        int checks = setCounts.length;
        double scanCost = selectivity <= 0 ? Double.MAX_VALUE : limit / selectivity * (1 + checks);
        double setCost = (double) setCounts[smallest] * checks;
        return setCost <= scanCost ? smallest : -1;
    }
}
