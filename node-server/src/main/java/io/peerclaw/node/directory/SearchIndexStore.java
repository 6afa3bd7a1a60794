package io.peerclaw.node.directory;

import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.node.storage.Database;
import io.peerclaw.node.storage.Sql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

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
     * Replaces the terms of the given agents in one transaction.
     *
     * <p>The agents' rows are locked first, as a deletion locks them: a deletion cascades into
     * {@code directory_terms}, so taking the term rows first and the agent row (through the foreign
     * key check) second would deadlock with it, and PostgreSQL would abort one side, the deletion
     * included. An agent already deleted is skipped.
     */
    void writeTerms(List<Document> documents) {
        if (documents.isEmpty()) {
            return;
        }
        database.inTransaction(
                sql -> {
                    var requested = documents.stream().map(Document::id).toList();
                    var present =
                            Set.copyOf(
                                    sql.query(
                                            "SELECT id FROM agents WHERE id IN ("
                                                    + DirectoryStore.marks(requested.size())
                                                    + ") "
                                                    + lockAgainstDeletion(),
                                            r -> r.getString(1),
                                            requested.toArray()));
                    var documentsOfPresent =
                            documents.stream().filter(d -> present.contains(d.id())).toList();
                    if (documentsOfPresent.isEmpty()) {
                        return null;
                    }
                    writeLocked(sql, documentsOfPresent);
                    return null;
                });
    }

    /** Blocks deletions of the rows read, not ordinary updates, where the engine can say so. */
    private String lockAgainstDeletion() {
        return database.driver() == NodeConfig.Database.Driver.POSTGRES
                ? "FOR KEY SHARE"
                : "FOR UPDATE";
    }

    private static void writeLocked(Sql sql, List<Document> documents) {
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
        var versions = documents.stream().map(d -> new Object[] {d.version(), d.id()}).toList();
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
                "INSERT INTO directory_entries (indexed_version, agent_id) VALUES (?," + " ?)",
                missing);
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
