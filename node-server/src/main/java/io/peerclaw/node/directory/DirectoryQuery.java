package io.peerclaw.node.directory;

import java.util.Optional;

/**
 * What a caller asks the public directory for: the filters and the page of {@code GET
 * /api/v1/directory} as typed values. In-process callers (the node's own A2A and MCP agents, the
 * route table) build one directly; the HTTP route reads one from its query parameters. The
 * directory checks it when asked (a bad value is a 400 naming the parameter it stands for).
 *
 * @param search full-text search: every word must match, the last also as a prefix
 * @param capability a declared capability or tag
 * @param protocol {@code a2a}, {@code mcp} or {@code acp}
 * @param status {@code online}, {@code busy}, {@code degraded} or {@code offline}
 * @param minScore the lowest reputation score, from 0 to 1
 * @param category a category slug
 * @param pageSize agents wanted, at least 1; more than {@value #MAX_PAGE_SIZE} are cut to it
 * @param pageToken the previous page's {@code next_page_token}, or empty for the first page
 */
public record DirectoryQuery(
        Optional<String> search,
        Optional<String> capability,
        Optional<String> protocol,
        Optional<String> status,
        Optional<Boolean> verified,
        Optional<Double> minScore,
        Optional<String> category,
        DirectorySort sort,
        int pageSize,
        String pageToken) {
    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 100;

    public DirectoryQuery {
        java.util.Objects.requireNonNull(sort, "sort");
        pageToken = pageToken == null ? "" : pageToken;
    }

    /** Every listed agent, in {@code sort} order, {@code pageSize} at a time from {@code token}. */
    public static DirectoryQuery all(DirectorySort sort, int pageSize, String pageToken) {
        return new DirectoryQuery(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                sort,
                pageSize,
                pageToken);
    }

    public DirectoryQuery withSearch(Optional<String> words) {
        return new DirectoryQuery(
                words,
                capability,
                protocol,
                status,
                verified,
                minScore,
                category,
                sort,
                pageSize,
                pageToken);
    }

    public DirectoryQuery withCapability(Optional<String> tag) {
        return new DirectoryQuery(
                search, tag, protocol, status, verified, minScore, category, sort, pageSize,
                pageToken);
    }

    public DirectoryQuery withProtocol(Optional<String> name) {
        return new DirectoryQuery(
                search,
                capability,
                name,
                status,
                verified,
                minScore,
                category,
                sort,
                pageSize,
                pageToken);
    }
}
