package io.peerclaw.node.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FilteredTest {
    private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void noFiltersGiveNoWhereClause() {
        var filtered = Filtered.all().orderBy("id", 5);
        assertThat(filtered.sql()).isEqualTo(" ORDER BY id LIMIT ?");
        assertThat(filtered.parameters()).containsExactly(5);
    }

    @Test
    void presentValuesAddTheirConditionsInOrder() {
        var filtered =
                Filtered.where("caller_key = ?", "k")
                        .andIf(Optional.empty(), "agent_id = ?")
                        .andIf(Optional.of("x"), "(name LIKE ? OR id = ?)")
                        .andIf(true, "state = ?", "done")
                        .andIf(false, "never = ?", 1);
        assertThat(filtered.sql())
                .isEqualTo(" WHERE caller_key = ? AND (name LIKE ? OR id = ?) AND state = ?");
        assertThat(filtered.parameters()).containsExactly("k", "x", "x", "done");
    }

    @Test
    void aKeysetPageStartsAfterItsPosition() {
        var filtered =
                Filtered.all()
                        .newestFirst("created_at", "id", Optional.of(AT), Optional.of("b"), 20);
        assertThat(filtered.sql())
                .isEqualTo(
                        " WHERE (created_at < ? OR (created_at = ? AND id < ?))"
                                + " ORDER BY created_at DESC, id DESC LIMIT ?");
        assertThat(filtered.parameters()).containsExactly(AT, AT, "b", 20);
    }

    @Test
    void theFirstPageHasNoPosition() {
        var filtered =
                Filtered.where("role = ?", "admin")
                        .newestFirst("created_at", "id", Optional.empty(), Optional.empty(), 3);
        assertThat(filtered.sql())
                .isEqualTo(" WHERE role = ? ORDER BY created_at DESC, id DESC LIMIT ?");
        assertThat(filtered.parameters()).containsExactly("admin", 3);
    }
}
