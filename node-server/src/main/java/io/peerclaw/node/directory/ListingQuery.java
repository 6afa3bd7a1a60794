package io.peerclaw.node.directory;

import io.peerclaw.node.http.ApiException;
import io.peerclaw.shared.model.AgentStatus;
import io.peerclaw.shared.model.Protocol;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A directory listing request, checked and ready for the store. Every present condition narrows the
 * result.
 *
 * @param category a category slug
 * @param after the sort key of the previous page's last row
 * @param limit rows wanted (the store fetches one more to know whether a next page exists)
 */
record ListingQuery(
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
    private static final int MAX_CAPABILITY_BYTES = 128;

    /**
     * Position in a sort order: a row's sort key ({@code Double}, {@code String}, {@code Instant}
     * or {@code Long}, by sort) and its id.
     */
    record Cursor(Object key, String id) {}

    /**
     * Checks every condition of a request; an empty text counts as absent.
     *
     * @throws ApiException 400 naming the first parameter that is not valid
     */
    static ListingQuery of(DirectoryQuery request) {
        Optional<String> capability = present(request.capability());
        capability.ifPresent(
                c -> {
                    if (c.isBlank()
                            || c.getBytes(StandardCharsets.UTF_8).length > MAX_CAPABILITY_BYTES) {
                        throw ApiException.invalid(
                                "capability", "must be 1 to " + MAX_CAPABILITY_BYTES + " bytes");
                    }
                });
        Optional<String> protocol = present(request.protocol());
        protocol.filter(p -> Protocol.parse(p).isEmpty())
                .ifPresent(
                        p -> {
                            throw ApiException.invalid("protocol", "must be one of a2a, mcp, acp");
                        });
        Optional<String> status = present(request.status());
        status.filter(s -> AgentStatus.parse(s).isEmpty())
                .ifPresent(
                        s -> {
                            throw ApiException.invalid(
                                    "status", "must be one of online, busy, degraded, offline");
                        });
        request.minScore()
                .filter(score -> !(score >= 0 && score <= 1))
                .ifPresent(
                        score -> {
                            throw ApiException.invalid("min_score", "must be a number from 0 to 1");
                        });
        Optional<SearchQuery> search = present(request.search()).map(SearchQuery::parse);
        Optional<String> category = present(request.category());
        category.filter(c -> !Categories.isSlug(c))
                .ifPresent(
                        c -> {
                            throw ApiException.invalid(
                                    "category", "must be a category slug (a-z, 0-9 and -)");
                        });
        if (request.pageSize() < 1) {
            throw ApiException.invalid("page_size", "must be at least 1");
        }
        int limit = Math.min(request.pageSize(), DirectoryQuery.MAX_PAGE_SIZE);
        var after = PageTokens.decode(request.sort(), request.pageToken());
        return new ListingQuery(
                capability,
                protocol,
                status,
                request.verified(),
                request.minScore(),
                search,
                category,
                request.sort(),
                after,
                limit);
    }

    /** The same request, fetching {@code rows} rows. */
    ListingQuery withLimit(int rows) {
        return new ListingQuery(
                capability,
                protocol,
                status,
                verified,
                minScore,
                search,
                category,
                sort,
                after,
                rows);
    }

    private static Optional<String> present(Optional<String> text) {
        return text.filter(t -> !t.isEmpty());
    }
}
