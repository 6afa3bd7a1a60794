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
import io.peerclaw.node.http.QueryParameters;
import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.model.AgentId;
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
    static final int DEFAULT_EVENTS = 50;
    static final int MAX_EVENTS = 200;

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
        ListingQuery query = ListingQuery.of(query(req.query()));
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
                                        .map(p -> Json.bytesWith(p.agent(), p.members()))
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
        int size =
                size(
                        query,
                        "page_size",
                        DirectoryQuery.DEFAULT_PAGE_SIZE,
                        DirectoryQuery.MAX_PAGE_SIZE);
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

    /**
     * Reads the listing parameters into typed values; a value of the wrong type is a 400 naming it.
     * The directory checks the rest ({@link ListingQuery#of}).
     */
    static DirectoryQuery query(Parameters query) {
        Optional<Boolean> verified = QueryParameters.flag(query, "verified");
        // Not a number reads as NaN, which the range check then refuses with the same message.
        Optional<Double> minScore =
                text(query, "min_score")
                        .map(
                                m -> {
                                    try {
                                        return Double.parseDouble(m);
                                    } catch (NumberFormatException e) {
                                        return Double.NaN;
                                    }
                                });
        DirectorySort sort =
                text(query, "sort").map(DirectorySort::parse).orElse(DirectorySort.REPUTATION);
        int size =
                size(
                        query,
                        "page_size",
                        DirectoryQuery.DEFAULT_PAGE_SIZE,
                        DirectoryQuery.MAX_PAGE_SIZE);
        return new DirectoryQuery(
                text(query, "search"),
                text(query, "capability"),
                text(query, "protocol"),
                text(query, "status"),
                verified,
                minScore,
                text(query, "category"),
                sort,
                size,
                query.first("page_token").orElse(""));
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
