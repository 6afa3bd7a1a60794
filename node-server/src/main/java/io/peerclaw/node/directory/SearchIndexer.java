package io.peerclaw.node.directory;

import io.peerclaw.node.registry.AgentChangeListener;
import io.peerclaw.node.storage.StorageException;
import io.peerclaw.shared.model.AgentId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the search index in step with the registry. Registrations and edits are queued and indexed
 * in batches off the request thread (within a second, normally); what must vanish at once
 * (deregistration, a change to private) empties the page cache on the caller's thread, and the
 * listing statement itself filters such agents, so the index may lag without showing them.
 */
final class SearchIndexer implements AgentChangeListener {
    private static final System.Logger LOG = System.getLogger(SearchIndexer.class.getName());
    static final int BATCH = 500;

    private final DirectoryStore store;
    private final SearchIndexStore index;
    private final PageCache cache;
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();

    SearchIndexer(DirectoryStore store, SearchIndexStore index, PageCache cache) {
        this.index = index;
        this.store = store;
        this.cache = cache;
    }

    @Override
    public void agentChanged(AgentId id, Change change) {
        switch (change) {
            case REGISTERED, UPDATED -> dirty.add(id.value());
            case HIDDEN -> {
                cache.invalidate();
                dirty.add(id.value());
            }
            case DEREGISTERED -> {
                cache.invalidate(); // its terms go with the agent (foreign key cascade)
                dirty.remove(id.value());
            }
        }
    }

    /** Queues every agent whose terms are missing or stale, e.g. after an upgrade. */
    int catchUp() {
        List<String> stale = index.unindexed();
        dirty.addAll(stale);
        if (!stale.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "indexing {0} agents for search", stale.size());
        }
        return stale.size();
    }

    /** Indexes everything queued; runs on the indexer's own thread. */
    void drain() {
        while (!dirty.isEmpty()) {
            var batch = new ArrayList<String>(BATCH);
            for (String id : dirty) {
                if (dirty.remove(id)) {
                    batch.add(id);
                }
                if (batch.size() == BATCH) {
                    break;
                }
            }
            index(batch);
        }
    }

    private void index(List<String> ids) {
        var documents =
                store.cards(ids).stream()
                        .map(
                                c ->
                                        new SearchIndexStore.Document(
                                                c.id(),
                                                c.updatedAt(),
                                                Tokenizer.documentTerms(c.card())))
                        .toList();
        try {
            index.writeTerms(documents);
        } catch (StorageException e) {
            // Most likely an agent deregistered meanwhile; the others must not wait for it.
            for (var document : documents) {
                try {
                    index.writeTerms(List.of(document));
                } catch (StorageException single) {
                    LOG.log(
                            System.Logger.Level.DEBUG,
                            "could not index agent {0}: {1}",
                            document.id(),
                            single.getMessage());
                }
            }
        }
    }
}
