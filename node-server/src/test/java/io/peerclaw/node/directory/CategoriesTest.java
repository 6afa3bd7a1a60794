package io.peerclaw.node.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerclaw.node.fixtures.TestDatabase;
import io.peerclaw.node.fixtures.TestNode;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.http.ErrorCode;
import io.peerclaw.shared.model.AgentId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CategoriesTest {
    private TestDatabase db;
    private CategoryStore store;
    private Categories categories;
    private final AtomicInteger invalidations = new AtomicInteger();
    private static final String AGENT = "mlxjggwmbweqhnaqeres25plfubybgvz";

    @BeforeEach
    void open() {
        db = TestDatabase.fresh(TestNode.Engine.H2);
        store = new CategoryStore(db.database());
        categories = new Categories(store, invalidations::incrementAndGet, UUID::randomUUID);
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        db.database()
                .read(
                        sql ->
                                sql.update(
                                        "INSERT INTO agents (id, public_key, name, visibility,"
                                                + " card_json, registered_at, updated_at) VALUES"
                                                + " (?, 'k', 'n', 'public', '{}', ?, ?)",
                                        AGENT,
                                        now,
                                        now));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void createUpdateDeleteAndOrder() {
        var b = categories.create(new Categories.Draft("Beta", "beta", null, null, 2));
        var a = categories.create(new Categories.Draft("Alpha", "alpha", "first", "star", 2));
        var z = categories.create(new Categories.Draft("Zulu", "zulu", null, null, 1));
        assertThat(categories.list())
                .extracting(Categories.Category::name)
                .containsExactly("Zulu", "Alpha", "Beta");
        var renamed = categories.update(a.id(), new Categories.Draft("Aleph", "aleph", "", "", 0));
        assertThat(categories.list().getFirst()).isEqualTo(renamed);
        categories.delete(z.id());
        assertThat(categories.list())
                .extracting(Categories.Category::slug)
                .containsExactly("aleph", "beta");
        assertThat(invalidations).hasValue(5);
        assertThat(b.description()).isEmpty();
    }

    @Test
    void refusesDuplicatesBadFieldsAndUnknownIds() {
        categories.create(new Categories.Draft("Alpha", "alpha", null, null, null));
        assertThatThrownBy(
                        () ->
                                categories.create(
                                        new Categories.Draft("Alpha", "other", null, null, 0)))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        assertThatThrownBy(
                        () ->
                                categories.create(
                                        new Categories.Draft("", "Bad Slug", null, null, 0)))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e ->
                                assertThat(e.errors())
                                        .extracting(f -> f.field())
                                        .containsExactly("name", "slug"));
        assertThatThrownBy(() -> categories.delete("nope"))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void assignsAgentsBySlug() {
        var a = categories.create(new Categories.Draft("Alpha", "alpha", null, null, 0));
        var b = categories.create(new Categories.Draft("Beta", "beta", null, null, 1));
        var agent = AgentId.parse(AGENT).orElseThrow();
        categories.setAgentCategories(agent, List.of("beta", "alpha", "beta"));
        assertThat(new DirectoryStore(db.database()).categoriesOf(List.of(AGENT)).get(AGENT))
                .containsExactly(
                        new DirectoryEntry.CategoryRef(a.id(), "Alpha", "alpha"),
                        new DirectoryEntry.CategoryRef(b.id(), "Beta", "beta"));
        categories.setAgentCategories(agent, List.of());
        assertThat(new DirectoryStore(db.database()).categoriesOf(List.of(AGENT))).isEmpty();
        assertThatThrownBy(() -> categories.setAgentCategories(agent, List.of("alpha", "nope")))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.errors().getFirst().field()).isEqualTo("categories[1]"));
        var unknown = AgentId.parse("a".repeat(32)).orElse(agent);
        if (!unknown.equals(agent)) {
            assertThatThrownBy(() -> categories.setAgentCategories(unknown, List.of("alpha")))
                    .isInstanceOfSatisfying(
                            ApiException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        }
    }
}
