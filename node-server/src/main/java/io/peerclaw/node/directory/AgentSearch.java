package io.peerclaw.node.directory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.reputation.ReputationEngine;
import io.peerclaw.node.uptime.HealthReadings;
import io.peerclaw.shared.model.AgentCard;
import io.peerclaw.shared.model.AgentId;
import io.peerclaw.shared.protocol.api.Console;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The directory's read use cases: listing and search, profiles, reviews, reputation history. */
final class AgentSearch {
    /** Assumed share of agents a score threshold keeps; only used to choose a plan. */
    private static final double MIN_SCORE_SELECTIVITY = 0.5;

    /**
     * Assumed share of verified agents, only used to choose a plan. Not counted: without an index
     * on the flag (H2 misused one for sorting) a count would scan agents, and a count capped at
     * {@link DirectoryStore#COUNT_CAP} says nothing about a common flag anyway.
     */
    private static final double VERIFIED_SELECTIVITY = 0.05;

    private final DirectoryStore store;
    private final CategoryStore categories;
    private final ReputationEngine reputation;

    /** Bounded set sizes for planning; a few seconds old at most, which planning tolerates. */
    private final Cache<String, Long> counts =
            Caffeine.newBuilder()
                    .maximumSize(50_000)
                    .expireAfterWrite(Duration.ofSeconds(10))
                    .build();

    /** Parsed cards by agent id, valid while the card version is unchanged. */
    private final Cache<String, DirectoryStore.StoredCard> cards =
            Caffeine.newBuilder().maximumSize(200_000).build();

    private final HealthReadings health;

    AgentSearch(
            DirectoryStore store,
            CategoryStore categories,
            ReputationEngine reputation,
            HealthReadings health) {
        this.store = store;
        this.categories = categories;
        this.reputation = reputation;
        this.health = health;
    }

    DirectoryPage page(ListingQuery query) {
        var sets = new ArrayList<DirectoryStore.SetFilter>();
        query.capability()
                .ifPresent(
                        c ->
                                sets.add(
                                        DirectoryStore.SetFilter.of(
                                                DirectoryStore.SetFilter.Kind.CAPABILITY, c)));
        query.protocol()
                .ifPresent(
                        p ->
                                sets.add(
                                        DirectoryStore.SetFilter.of(
                                                DirectoryStore.SetFilter.Kind.PROTOCOL, p)));
        query.status()
                .ifPresent(
                        status ->
                                sets.add(
                                        DirectoryStore.SetFilter.of(
                                                DirectoryStore.SetFilter.Kind.STATUS, status)));
        if (query.category().isPresent()) {
            var id = categories.categoryIdBySlug(query.category().get());
            if (id.isEmpty()) {
                return DirectoryPage.empty();
            }
            sets.add(DirectoryStore.SetFilter.of(DirectoryStore.SetFilter.Kind.CATEGORY, id.get()));
        }
        query.search()
                .ifPresent(
                        s -> {
                            for (String word : s.exact()) {
                                sets.add(
                                        DirectoryStore.SetFilter.of(
                                                DirectoryStore.SetFilter.Kind.TERM, word));
                            }
                            sets.add(
                                    new DirectoryStore.SetFilter(
                                            DirectoryStore.SetFilter.Kind.PREFIX,
                                            s.prefix(),
                                            SearchQuery.upperBound(s.prefix())));
                        });
        DirectoryStore.SetFilter driver = null;
        if (!sets.isEmpty()) {
            long agents = cachedCount("agents", store::agentCount);
            long[] sizes = new long[sets.size()];
            for (int i = 0; i < sizes.length; i++) {
                var set = sets.get(i);
                sizes[i] =
                        cachedCount(set.kind() + ":" + set.value(), () -> store.boundedCount(set));
            }
            double other = 1;
            if (query.verified().isPresent()) {
                other *= query.verified().get() ? VERIFIED_SELECTIVITY : 1;
            }
            if (query.minScore().isPresent()) {
                other *= MIN_SCORE_SELECTIVITY;
            }
            for (int i = 0; i < sizes.length; i++) {
                // A filter nothing matches (a word no agent has) empties the page. Counted afresh:
                // a remembered zero may be seconds older than a new agent's words.
                if (sizes[i] == 0 && store.boundedCount(sets.get(i)) == 0) {
                    return DirectoryPage.empty();
                }
            }
            int chosen = QueryPlan.choose(agents, query.limit(), sizes, other);
            driver = chosen < 0 ? null : sets.get(chosen);
            // The smallest sets are checked first: each check that fails spares the later ones.
            var sizeOf = new java.util.IdentityHashMap<DirectoryStore.SetFilter, Long>();
            for (int i = 0; i < sizes.length; i++) {
                sizeOf.put(sets.get(i), sizes[i]);
            }
            sets.sort(java.util.Comparator.comparingLong(sizeOf::get));
        }
        var fetched = store.page(query.withLimit(query.limit() + 1), sets, driver);
        boolean more = fetched.size() > query.limit();
        var rows = more ? fetched.subList(0, query.limit()) : fetched;
        String next = "";
        if (more) {
            var last = rows.getLast();
            Object key =
                    switch (query.sort()) {
                        case REPUTATION -> last.reputationScore();
                        case NAME -> last.name();
                        case REGISTERED_AT -> last.registeredAt();
                        case POPULAR -> last.calls();
                    };
            next = PageTokens.encode(query.sort(), new ListingQuery.Cursor(key, last.id()));
        }
        return new DirectoryPage(render(rows), next);
    }

    /** The profile of a listed agent; empty for unknown, private and suspended agents. */
    Optional<AgentProfile> profile(AgentId id) {
        return store.listed(id.value())
                .map(
                        row ->
                                new AgentProfile(
                                        render(List.of(row)).getFirst(),
                                        summary(id),
                                        reputation.explain(id),
                                        health.health(id)));
    }

    /** 404 unless the agent is listed: unknown, private and suspended agents look the same. */
    void requireListed(AgentId id) {
        if (!store.isListed(id.value())) {
            throw notFound(id.value());
        }
    }

    static ApiException notFound(String id) {
        return ApiException.notFound("no public agent with id " + id);
    }

    Views.ReviewPage reviews(AgentId id, String token, int limit) {
        requireListed(id);
        var after = PageTokens.decodeReview(token);
        var fetched = store.reviews(id.value(), after, limit + 1);
        boolean more = fetched.size() > limit;
        var rows = more ? fetched.subList(0, limit) : fetched;
        String next =
                more
                        ? PageTokens.encodeReview(
                                new DirectoryStore.ReviewCursor(
                                        rows.getLast().createdAt(), rows.getLast().id()))
                        : "";
        return new Views.ReviewPage(rows, next);
    }

    AgentProfile.ReviewSummary summary(AgentId id) {
        long[] counts = store.ratingCounts(id.value());
        long total = 0;
        long sum = 0;
        var distribution = new ArrayList<Long>(5);
        for (int i = 0; i < 5; i++) {
            total += counts[i];
            sum += counts[i] * (i + 1);
            distribution.add(counts[i]);
        }
        double average = total == 0 ? 0 : Math.round(sum * 100.0 / total) / 100.0;
        return new AgentProfile.ReviewSummary(average, total, distribution);
    }

    Console.ReputationHistory reputation(AgentId id, String pageToken, int limit) {
        requireListed(id);
        try {
            return reputation.history(id, pageToken, limit);
        } catch (ReputationEngine.BadPageToken e) {
            throw ApiException.invalid("page_token", "is not a token this node issued");
        }
    }

    private List<DirectoryEntry> render(List<DirectoryStore.Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, AgentCard> content = new HashMap<>();
        var missing = new ArrayList<String>();
        for (var row : rows) {
            var cached = cards.getIfPresent(row.id());
            if (cached != null && cached.updatedAt().equals(row.updatedAt())) {
                content.put(row.id(), cached.card());
            } else {
                missing.add(row.id());
            }
        }
        for (var stored : store.cards(missing)) {
            cards.put(stored.id(), stored);
            content.put(stored.id(), stored.card());
        }
        var categories = store.categoriesOf(rows.stream().map(DirectoryStore.Row::id).toList());
        var out = new ArrayList<DirectoryEntry>(rows.size());
        for (var row : rows) {
            AgentCard card = content.get(row.id());
            if (card != null) { // null only when deleted between the two reads
                out.add(
                        publicAgent(
                                row,
                                card,
                                categories.getOrDefault(row.id(), List.of()),
                                reputation.trusted(row.verified(), row.reputationScore())));
            }
        }
        return out;
    }

    /** The sanitized shape: only what the owner published for everyone. */
    static DirectoryEntry publicAgent(
            DirectoryStore.Row row,
            AgentCard card,
            List<DirectoryEntry.CategoryRef> categories,
            boolean trusted) {
        List<String> tags =
                card.peerclaw() == null || card.peerclaw().tags() == null
                        ? List.of()
                        : card.peerclaw().tags();
        String endpoint =
                row.publicEndpoint() && card.endpoint() != null ? card.endpoint().url() : null;
        return new DirectoryEntry(
                row.id(),
                card.name(),
                card.description(),
                card.version(),
                orEmpty(card.capabilities()),
                orEmpty(card.skills()),
                orEmpty(card.tools()),
                orEmpty(card.protocols()),
                row.status(),
                tags,
                row.verified(),
                trusted,
                card.signed(),
                row.reputationScore(),
                categories,
                row.registeredAt(),
                row.lastHeartbeat(),
                endpoint);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private long cachedCount(String key, java.util.function.LongSupplier count) {
        return counts.get(key, k -> count.getAsLong());
    }
}
