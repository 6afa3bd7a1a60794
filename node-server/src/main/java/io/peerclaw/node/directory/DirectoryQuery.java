package io.peerclaw.node.directory;

import java.util.Optional;

/**
 * A directory listing request, validated. Every present condition narrows the result.
 *
 * @param category a category slug
 * @param after the sort key of the previous page's last row
 * @param limit rows wanted (the store fetches one more to know whether a next page exists)
 */
record DirectoryQuery(
        Optional<String> capability,
        Optional<String> protocol,
        Optional<String> status,
        Optional<Boolean> verified,
        Optional<Double> minScore,
        Optional<SearchQuery> search,
        Optional<String> category,
        DirectorySort sort,
        Optional<Cursor> after,
        int limit) {

    /**
     * Position in a sort order: a row's sort key ({@code Double}, {@code String}, {@code Instant}
     * or {@code Long}, by sort) and its id.
     */
    record Cursor(Object key, String id) {}
}
