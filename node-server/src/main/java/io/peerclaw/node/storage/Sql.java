package io.peerclaw.node.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs statements on one connection. Parameters bind by position; {@link Instant}s are stored as
 * {@code TIMESTAMP WITH TIME ZONE} in UTC, identically on both engines.
 */
public final class Sql {
    /** Maps the current row; may throw {@link SQLException}. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private final Connection connection;
    private boolean wrote;

    Sql(Connection connection) {
        this.connection = connection;
    }

    /** Whether a statement that may change data ran on this connection. */
    boolean wrote() {
        return wrote;
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters) {
        try (PreparedStatement statement = prepare(sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            var out = new ArrayList<T>();
            while (rows.next()) {
                out.add(mapper.map(rows));
            }
            return out;
        } catch (SQLException e) {
            throw new StorageException("query failed", e);
        }
    }

    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... parameters) {
        List<T> rows = query(sql, mapper, parameters);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    public long count(String sql, Object... parameters) {
        return queryOne(sql, row -> row.getLong(1), parameters).orElse(0L);
    }

    public int update(String sql, Object... parameters) {
        wrote = true;
        try (PreparedStatement statement = prepare(sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("update failed", e);
        }
    }

    /** Runs one statement for each parameter row as a JDBC batch; returns the rows changed. */
    public int batch(String sql, List<Object[]> parameterRows) {
        if (parameterRows.isEmpty()) {
            return 0;
        }
        wrote = true;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Object[] row : parameterRows) {
                bind(statement, row);
                statement.addBatch();
            }
            int changed = 0;
            for (int count : statement.executeBatch()) {
                changed += Math.max(count, 0);
            }
            return changed;
        } catch (SQLException e) {
            throw new StorageException("batch failed", e);
        }
    }

    /** Runs a statement with no parameters and no result (DDL). */
    public void execute(String sql) {
        wrote = true;
        try (var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new StorageException("statement failed", e);
        }
    }

    /** Reads a nullable timestamp column. */
    public static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private PreparedStatement prepare(String sql, Object[] parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            bind(statement, parameters);
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private static void bind(PreparedStatement statement, Object[] parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i];
            switch (value) {
                case null -> statement.setNull(i + 1, Types.NULL);
                case Instant instant ->
                        statement.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));
                case Enum<?> constant -> statement.setString(i + 1, constant.name());
                default -> statement.setObject(i + 1, value);
            }
        }
    }
}
