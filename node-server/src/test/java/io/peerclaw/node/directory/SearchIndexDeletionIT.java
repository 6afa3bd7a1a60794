package io.peerclaw.node.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.node.fixtures.TestDatabase;
import io.peerclaw.node.fixtures.TestNode;
import io.peerclaw.node.storage.StorageException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An agent deleted while the indexer rewrites its terms: the deletion always succeeds and leaves no
 * terms behind. Before the indexer locked the agent first, PostgreSQL found a deadlock between the
 * two now and then and aborted one of them, sometimes the deletion (a 503 to the admin).
 */
class SearchIndexDeletionIT {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final int ROUNDS = 150;

    @ParameterizedTest
    @EnumSource(TestNode.Engine.class)
    void deletionsNeverLoseToTheIndexer(TestNode.Engine engine) throws Exception {
        try (var db = TestDatabase.fresh(engine)) {
            var database = db.database();
            var index = new SearchIndexStore(database);
            var failures = new ArrayList<Throwable>();
            for (int round = 0; round < ROUNDS; round++) {
                String id = "a%031d".formatted(round);
                database.read(
                        sql ->
                                sql.update(
                                        "INSERT INTO agents (id, public_key, name, visibility,"
                                                + " card_json, registered_at, updated_at) VALUES"
                                                + " (?, ?, 'n', 'public', '{}', ?, ?)",
                                        id,
                                        "k" + id,
                                        T0,
                                        T0));
                var document = document(id);
                index.writeTerms(List.of(document));
                var barrier = new CyclicBarrier(2);
                var indexing =
                        CompletableFuture.runAsync(
                                () -> {
                                    await(barrier);
                                    for (int i = 0; i < 3; i++) {
                                        try {
                                            index.writeTerms(List.of(document));
                                        } catch (StorageException gone) {
                                            // The indexer may lose; it retries later.
                                        }
                                    }
                                });
                var deleting =
                        CompletableFuture.runAsync(
                                () -> {
                                    await(barrier);
                                    database.read(
                                            sql ->
                                                    sql.update(
                                                            "DELETE FROM agents WHERE id = ?", id));
                                });
                try {
                    deleting.join();
                } catch (RuntimeException e) {
                    failures.add(e);
                }
                indexing.join();
            }
            assertThat(failures).isEmpty();
            long leftOver = database.read(sql -> sql.count("SELECT COUNT(*) FROM directory_terms"));
            assertThat(leftOver).isZero();
        }
    }

    private static SearchIndexStore.Document document(String id) {
        return new SearchIndexStore.Document(
                id, T0, IntStream.range(0, 40).mapToObj(i -> "term" + i).toList());
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
