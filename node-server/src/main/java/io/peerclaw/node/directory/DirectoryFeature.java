package io.peerclaw.node.directory;

import io.peerclaw.node.http.Feature;
import io.peerclaw.node.http.Mount;
import io.peerclaw.node.registry.AgentChangeListener;
import io.peerclaw.node.reputation.ReputationEngine;
import io.peerclaw.node.storage.Database;
import io.peerclaw.node.uptime.HealthReadings;
import io.peerclaw.shared.model.AgentId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The public directory: its routes, its search index upkeep, the category use cases, and the hook
 * other features call when an agent must leave public answers at once.
 */
public final class DirectoryFeature implements Feature {
    private static final System.Logger LOG = System.getLogger(DirectoryFeature.class.getName());

    /** How often queued registrations are indexed; well inside the 5 s promise. */
    static final long INDEX_DELAY_MILLIS = 200;

    private final SearchIndexStore index;
    private final PageCache cache;
    private final SearchIndexer indexer;
    private final Categories categories;
    private final AgentSearch search;
    private ScheduledFuture<?> indexing;

    private DirectoryFeature(
            Database database,
            java.time.Duration pageCacheTtl,
            ReputationEngine reputation,
            HealthReadings health) {
        var store = new DirectoryStore(database);
        var categoryStore = new CategoryStore(database);
        this.index = new SearchIndexStore(database);
        this.cache = new PageCache(pageCacheTtl);
        this.indexer = new SearchIndexer(store, index, cache);
        this.categories = new Categories(categoryStore, cache::invalidate, UUID::randomUUID);
        this.search = new AgentSearch(store, categoryStore, reputation, health);
    }

    /**
     * @param reputation the trust engine: the Trusted badge, profile explanations and histories
     * @param health the uptime probes' findings, shown on profiles
     * @param indexing a thread of the directory's own: it first catches up with agents missing from
     *     the index, then indexes queued registrations every {@value #INDEX_DELAY_MILLIS} ms
     */
    public static DirectoryFeature create(
            Database database,
            java.time.Duration pageCacheTtl,
            ReputationEngine reputation,
            HealthReadings health,
            ScheduledExecutorService indexing) {
        var feature = new DirectoryFeature(database, pageCacheTtl, reputation, health);
        feature.start(indexing);
        return feature;
    }

    /** Give this to the registry so the index and caches follow registrations. */
    public AgentChangeListener registryListener() {
        return indexer;
    }

    public Categories categories() {
        return categories;
    }

    @Override
    public List<Mount> routes() {
        return Mount.under(Mount.API, new DirectoryHttpService(search, categories, cache));
    }

    /**
     * Must be called, after the change is committed, by whatever changes an agent's public
     * visibility outside the registry's own routes: a suspension or its lifting, a change of
     * visibility, of {@code public_endpoint}, of verification, or moderation of reviews. Cached
     * directory answers are dropped at once; the next request reads the database.
     */
    public void publicViewChanged(AgentId agent) {
        cache.invalidate();
    }

    /**
     * A listing for in-process callers (the node's own A2A and MCP agents, the route table): the
     * page {@code GET /api/v1/directory} would answer the same query, read afresh (the page cache
     * keeps rendered JSON for the HTTP route only).
     *
     * @throws io.peerclaw.node.http.ApiException 400 naming the parameter a bad value stands for
     */
    public DirectoryPage listing(DirectoryQuery query) {
        return search.page(ListingQuery.of(query));
    }

    /** A public agent's profile as {@code GET /api/v1/directory/{id}} shows it, if listed. */
    public Optional<AgentProfile> profile(AgentId agent) {
        return search.profile(agent);
    }

    /** Sets an agent's calls in the last seven days, the {@code sort=popular} key. */
    public void setRecentCalls(AgentId agent, long calls) {
        index.setCalls(agent.value(), calls);
    }

    private void start(ScheduledExecutorService scheduler) {
        scheduler.execute(
                () -> {
                    try {
                        indexer.catchUp();
                    } catch (RuntimeException e) {
                        LOG.log(
                                System.Logger.Level.WARNING,
                                "could not list agents to index: " + e.getMessage());
                    }
                });
        indexing =
                scheduler.scheduleWithFixedDelay(
                        this::drain, INDEX_DELAY_MILLIS, INDEX_DELAY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Stops indexing; a batch under way finishes before the root closes the thread. */
    @Override
    public void close() {
        if (indexing != null) {
            indexing.cancel(false);
        }
    }

    private void drain() {
        try {
            indexer.drain();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "search indexing failed: " + e.getMessage());
        }
    }
}
