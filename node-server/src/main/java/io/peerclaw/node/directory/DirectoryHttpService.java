package io.peerclaw.node.directory;

import io.helidon.common.parameters.Parameters;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.http.JsonBodies;
import io.peerclaw.node.http.MethodNotAllowed;
import io.peerclaw.node.http.PathIds;
import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.model.AgentId;
import io.peerclaw.shared.model.AgentStatus;
import io.peerclaw.shared.model.Protocol;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The public directory under {@code /api/v1}; no credentials needed.
 *
 * <pre>
 * curl 'http://localhost:8080/api/v1/directory?search=weather%20fore&amp;sort=popular'
 * curl http://localhost:8080/api/v1/directory/{id}/reviews/summary
 * </pre>
 *
 * Listings and profiles are served from {@link PageCache} with an ETag ({@code If-None-Match}
 * answers 304).
 */
final class DirectoryHttpService implements HttpService {
    static final int DEFAULT_PAGE = 20;
    static final int MAX_PAGE = 100;
    static final int DEFAULT_EVENTS = 50;
    static final int MAX_EVENTS = 200;
    private static final int MAX_CAPABILITY_BYTES = 128;

    private final AgentSearch search;
    private final Categories categories;
    private final PageCache cache;

    DirectoryHttpService(AgentSearch search, Categories categories, PageCache cache) {
        this.search = search;
        this.categories = categories;
        this.cache = cache;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/directory", this::list)
                .any("/directory", MethodNotAllowed.allowing("GET"))
                .get("/directory/{id}", this::profile)
                .any("/directory/{id}", MethodNotAllowed.allowing("GET"))
                .get("/directory/{id}/reputation", this::reputation)
                .any("/directory/{id}/reputation", MethodNotAllowed.allowing("GET"))
                .get("/directory/{id}/reviews", this::reviews)
                .any("/directory/{id}/reviews", MethodNotAllowed.allowing("GET", "POST", "DELETE"))
                .get("/directory/{id}/reviews/summary", this::summary)
                .any("/directory/{id}/reviews/summary", MethodNotAllowed.allowing("GET"))
                .get("/categories", this::categories)
                .any("/categories", MethodNotAllowed.allowing("GET"));
    }

    private void list(ServerRequest req, ServerResponse res) {
        // Keyed by the parsed query: parameters it does not know, or spelt differently, cannot
        // multiply the cached pages.
        DirectoryQuery query = query(req.query());
        var page = cache.get("list:" + query, () -> Json.bytes(search.page(query)));
        send(req, res, page);
    }

    private void profile(ServerRequest req, ServerResponse res) {
        AgentId id = PathIds.publicAgentId(req);
        var page =
                cache.get(
                        "agent/" + id.value(),
                        () ->
                                search.profile(id)
                                        .orElseThrow(() -> AgentSearch.notFound(id.value())));
        send(req, res, page);
    }

    private void reputation(ServerRequest req, ServerResponse res) {
        AgentId id = PathIds.publicAgentId(req);
        int limit = size(req.query(), "limit", DEFAULT_EVENTS, MAX_EVENTS);
        JsonBodies.ok(
                res, search.reputation(id, req.query().first("page_token").orElse(""), limit));
    }

    private void reviews(ServerRequest req, ServerResponse res) {
        AgentId id = PathIds.publicAgentId(req);
        var query = req.query();
        int size = size(query, "page_size", DEFAULT_PAGE, MAX_PAGE);
        JsonBodies.ok(res, search.reviews(id, query.first("page_token").orElse(""), size));
    }

    private void summary(ServerRequest req, ServerResponse res) {
        AgentId id = PathIds.publicAgentId(req);
        search.requireListed(id);
        JsonBodies.ok(res, search.summary(id));
    }

    private void categories(ServerRequest req, ServerResponse res) {
        JsonBodies.ok(res, new Views.CategoryList(categories.list()));
    }

    /** Reads and checks every listing parameter; a bad one is a 400 naming it. */
    static DirectoryQuery query(Parameters query) {
        Optional<String> capability = text(query, "capability");
        capability.ifPresent(
                c -> {
                    if (c.isBlank()
                            || c.getBytes(StandardCharsets.UTF_8).length > MAX_CAPABILITY_BYTES) {
                        throw ApiException.invalid(
                                "capability", "must be 1 to " + MAX_CAPABILITY_BYTES + " bytes");
                    }
                });
        Optional<String> protocol = text(query, "protocol");
        protocol.filter(p -> Protocol.parse(p).isEmpty())
                .ifPresent(
                        p -> {
                            throw ApiException.invalid("protocol", "must be one of a2a, mcp, acp");
                        });
        Optional<String> status = text(query, "status");
        status.filter(s -> AgentStatus.parse(s).isEmpty())
                .ifPresent(
                        s -> {
                            throw ApiException.invalid(
                                    "status", "must be one of online, busy, degraded, offline");
                        });
        Optional<Boolean> verified =
                text(query, "verified")
                        .map(
                                v ->
                                        switch (v) {
                                            case "true" -> true;
                                            case "false" -> false;
                                            default ->
                                                    throw ApiException.invalid(
                                                            "verified", "must be true or false");
                                        });
        Optional<Double> minScore =
                text(query, "min_score")
                        .map(
                                m -> {
                                    double score;
                                    try {
                                        score = Double.parseDouble(m);
                                    } catch (NumberFormatException e) {
                                        score = Double.NaN;
                                    }
                                    if (!(score >= 0 && score <= 1)) {
                                        throw ApiException.invalid(
                                                "min_score", "must be a number from 0 to 1");
                                    }
                                    return score;
                                });
        Optional<SearchQuery> searchQuery = text(query, "search").map(SearchQuery::parse);
        Optional<String> category = text(query, "category");
        category.filter(c -> !Categories.isSlug(c))
                .ifPresent(
                        c -> {
                            throw ApiException.invalid(
                                    "category", "must be a category slug (a-z, 0-9 and -)");
                        });
        DirectorySort sort =
                text(query, "sort").map(DirectorySort::parse).orElse(DirectorySort.REPUTATION);
        int size = size(query, "page_size", DEFAULT_PAGE, MAX_PAGE);
        var after = PageTokens.decode(sort, query.first("page_token").orElse(""));
        return new DirectoryQuery(
                capability,
                protocol,
                status,
                verified,
                minScore,
                searchQuery,
                category,
                sort,
                after,
                size);
    }

    private static Optional<String> text(Parameters query, String name) {
        return query.first(name).asOptional().filter(v -> !v.isEmpty());
    }

    /** A page size: at least 1, larger values are cut to the maximum. */
    private static int size(Parameters query, String name, int fallback, int max) {
        var text = text(query, name);
        if (text.isEmpty()) {
            return fallback;
        }
        int size;
        try {
            size = Integer.parseInt(text.get());
        } catch (NumberFormatException e) {
            throw ApiException.invalid(name, "must be a whole number");
        }
        if (size < 1) {
            throw ApiException.invalid(name, "must be at least 1");
        }
        return Math.min(size, max);
    }

    private static void send(ServerRequest req, ServerResponse res, PageCache.Page page) {
        res.header(HeaderNames.ETAG, page.etag());
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        if (req.headers()
                .first(HeaderNames.IF_NONE_MATCH)
                .map(tags -> tags.contains(page.etag()))
                .orElse(false)) {
            res.status(Status.NOT_MODIFIED_304).send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, JsonBodies.JSON);
        res.send(page.body());
    }
}
