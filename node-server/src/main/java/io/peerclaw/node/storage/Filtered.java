package io.peerclaw.node.storage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A statement whose WHERE clause grows with the filters a caller chose, optionally ending in a
 * keyset page (newest first by a time and then an id). The stores' listings all share this shape;
 * building it in one place keeps each condition next to its parameters.
 *
 * <pre>{@code
 * var select = Filtered.where("status = ?", status)
 *         .andIf(agent, "agent_id = ?")
 *         .newestFirst("created_at", "id", after.map(c -> c.at()), after.map(c -> c.id()), limit);
 * sql.query("SELECT ... FROM reports" + select.sql(), mapper, select.parameters());
 * }</pre>
 */
public final class Filtered {
    private final StringBuilder sql = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();
    private boolean hasCondition;

    private Filtered() {}

    /** No condition yet. */
    public static Filtered all() {
        return new Filtered();
    }

    /** Starts with a condition that always applies. */
    public static Filtered where(String condition, Object... values) {
        return new Filtered().and(condition, values);
    }

    /** Adds a condition with its parameters (one {@code ?} per value, in order). */
    public Filtered and(String condition, Object... values) {
        sql.append(hasCondition ? " AND " : " WHERE ").append(condition);
        hasCondition = true;
        parameters.addAll(List.of(values));
        return this;
    }

    /** Adds {@code condition}, bound to the value once per {@code ?}, when the value is present. */
    public Filtered andIf(Optional<?> value, String condition) {
        value.ifPresent(v -> and(condition, repeated(v, placeholders(condition))));
        return this;
    }

    /** Adds a condition when {@code applies}. */
    public Filtered andIf(boolean applies, String condition, Object... values) {
        return applies ? and(condition, values) : this;
    }

    /**
     * Orders newest first by {@code timeColumn} then {@code idColumn}, starts after the position
     * given (when present), and limits the page.
     */
    public Filtered newestFirst(
            String timeColumn,
            String idColumn,
            Optional<Instant> afterTime,
            Optional<String> afterId,
            int limit) {
        if (afterTime.isPresent() && afterId.isPresent()) {
            and(
                    "(" + timeColumn + " < ? OR (" + timeColumn + " = ? AND " + idColumn + " < ?))",
                    afterTime.get(),
                    afterTime.get(),
                    afterId.get());
        }
        return orderBy(timeColumn + " DESC, " + idColumn + " DESC", limit);
    }

    /** Ends with an ORDER BY and a LIMIT. */
    public Filtered orderBy(String order, int limit) {
        sql.append(" ORDER BY ").append(order).append(" LIMIT ?");
        parameters.add(limit);
        return this;
    }

    /** The clause, starting with a space (or empty when nothing was added). */
    public String sql() {
        return sql.toString();
    }

    public Object[] parameters() {
        return parameters.toArray();
    }

    private static int placeholders(String condition) {
        return (int) condition.chars().filter(c -> c == '?').count();
    }

    private static Object[] repeated(Object value, int times) {
        var values = new Object[times];
        java.util.Arrays.fill(values, value);
        return values;
    }
}
