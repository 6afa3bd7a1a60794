package io.peerclaw.node.directory;

import io.peerclaw.node.storage.Database;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The search index ({@code directory_terms}, one row per term and agent) and the per-agent entries
 * that say which card version was indexed and how popular the agent is.
 */
final class SearchIndexStore {
    private final Database database;

    SearchIndexStore(Database database) {
        this.database = database;
    }

    /** Agents whose indexed terms are missing or older than their card. */
    List<String> unindexed() {
        return database.read(
                sql ->
                        sql.query(
                                "SELECT a.id FROM agents a LEFT JOIN directory_entries e ON"
                                        + " e.agent_id = a.id WHERE e.agent_id IS NULL OR"
                                        + " e.indexed_version <> a.updated_at",
                                r -> r.getString(1)));
    }

    /** The terms of one card version. */
    record Document(String id, Instant version, Collection<String> terms) {}

    /**
     * Replaces the terms of the given agents in one transaction. An agent deleted meanwhile makes
     * the foreign keys fail the whole batch; the caller then retries one by one.
     */
    void writeTerms(List<Document> documents) {
        if (documents.isEmpty()) {
            return;
        }
        database.inTransaction(
                sql -> {
                    var ids = documents.stream().map(Document::id).toList();
                    sql.update(
                            "DELETE FROM directory_terms WHERE agent_id IN ("
                                    + DirectoryStore.marks(ids.size())
                                    + ")",
                            ids.toArray());
                    var rows = new ArrayList<Object[]>();
                    for (Document document : documents) {
                        for (String term : document.terms()) {
                            rows.add(new Object[] {term, document.id()});
                        }
                    }
                    sql.batch("INSERT INTO directory_terms (term, agent_id) VALUES (?, ?)", rows);
                    var versions =
                            documents.stream()
                                    .map(d -> new Object[] {d.version(), d.id()})
                                    .toList();
                    var missing = new ArrayList<Object[]>();
                    for (Object[] version : versions) {
                        if (sql.update(
                                        "UPDATE directory_entries SET indexed_version = ? WHERE"
                                                + " agent_id = ?",
                                        version)
                                == 0) {
                            missing.add(version);
                        }
                    }
                    sql.batch(
                            "INSERT INTO directory_entries (indexed_version, agent_id) VALUES (?,"
                                    + " ?)",
                            missing);
                    return null;
                });
    }

    /** Sets the popularity sort key (the invocation feature's job; here for tests and benches). */
    int setCalls(String agentId, long calls) {
        return database.read(
                sql ->
                        sql.update(
                                "UPDATE directory_entries SET calls_7d = ? WHERE agent_id = ?",
                                calls,
                                agentId));
    }
}
