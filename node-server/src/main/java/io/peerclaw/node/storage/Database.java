package io.peerclaw.node.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.peerclaw.node.config.NodeConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Function;

/**
 * The node's one connection pool (HikariCP) over embedded H2 or PostgreSQL, with helpers to run
 * statements in auto-commit or in one transaction. Opening it applies pending migrations.
 */
public final class Database implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Database.class.getName());

    private final HikariDataSource pool;
    private final NodeConfig.Database.Driver driver;

    private Database(HikariDataSource pool, NodeConfig.Database.Driver driver) {
        this.pool = pool;
        this.driver = driver;
    }

    /**
     * Opens the pool and migrates the schema.
     *
     * @throws StorageException with a sentence a user can act on when the database cannot be used
     */
    public static Database open(NodeConfig.Database settings) {
        var config = new HikariConfig();
        config.setJdbcUrl(settings.jdbcUrl());
        if (settings.user() != null) {
            config.setUsername(settings.user());
        }
        if (!settings.password().isEmpty()) {
            config.setPassword(settings.password().value());
        }
        config.setMaximumPoolSize(settings.maxConnections());
        config.setMinimumIdle(Math.min(2, settings.maxConnections()));
        config.setPoolName("peerclaw-db");
        if (settings.driver() == NodeConfig.Database.Driver.POSTGRES) {
            // Plan every statement for its actual values. After five runs PostgreSQL may switch
            // a prepared statement to a generic plan, which for a directory page chose to read
            // every agent in score order (43 ms instead of 1.7 ms at 10,000 agents, measured).
            config.setConnectionInitSql("SET plan_cache_mode = force_custom_plan");
        }
        // A dead database must turn into a quick 503, not a request hanging for 30 s.
        config.setConnectionTimeout(Duration.ofSeconds(3).toMillis());
        config.setValidationTimeout(Duration.ofSeconds(2).toMillis());
        // An embedded file either opens at once or is locked by another process; a server may be
        // starting up alongside us, so it gets a few seconds.
        boolean embedded = settings.driver() == NodeConfig.Database.Driver.H2;
        config.setInitializationFailTimeout(embedded ? 1 : Duration.ofSeconds(10).toMillis());
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw new StorageException(describe(settings, e.getCause()));
        }
        var database = new Database(pool, settings.driver());
        try {
            Migrations.apply(database);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        if (settings.driver() == NodeConfig.Database.Driver.POSTGRES) {
            database.warnWithoutAutovacuum();
        }
        return database;
    }

    public NodeConfig.Database.Driver driver() {
        return driver;
    }

    /** Runs work on a pooled connection in auto-commit mode. */
    public <T> T read(Function<Sql, T> work) {
        try (Connection connection = pool.getConnection()) {
            var sql = new Sql(connection);
            T result = work.apply(sql);
            persist(connection, sql);
            return result;
        } catch (SQLException e) {
            throw new StorageException("database unavailable", e);
        }
    }

    /**
     * {@link #inTransaction} for an insert that may lose a race: when another writer inserted the
     * same unique row first (a unique violation), the work runs once more and then finds that row.
     */
    public <T> T inTransactionRacing(Function<Sql, T> work) {
        try {
            return inTransaction(work);
        } catch (StorageException e) {
            if (!e.isUniqueViolation()) {
                throw e;
            }
            return inTransaction(work);
        }
    }

    /** Runs work in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(Function<Sql, T> work) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                var sql = new Sql(connection);
                T result = work.apply(sql);
                connection.commit();
                persist(connection, sql);
                return result;
            } catch (RuntimeException e) {
                rollback(connection);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StorageException("database unavailable", e);
        }
    }

    /**
     * The registry's queries read index ranges that PostgreSQL picks only with fresh statistics;
     * without autovacuum they go stale as agents register and filtered lists slow down a
     * hundredfold (measured: 0.8 ms against 160 ms for a capability page of 100,000 agents).
     */
    private void warnWithoutAutovacuum() {
        boolean off =
                read(sql -> sql.queryOne("SHOW autovacuum", row -> row.getString(1)))
                        .map("off"::equalsIgnoreCase)
                        .orElse(false);
        if (off) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "PostgreSQL autovacuum is off: query plans will degrade as the registry grows;"
                            + " turn it on, or run ANALYZE regularly");
        }
    }

    /** Whether the database answers within the pool's validation timeout. */
    public boolean ping() {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** A short human description for status displays, without credentials. */
    public String describe() {
        String url = pool.getJdbcUrl();
        int params = url.indexOf(';');
        int query = url.indexOf('?');
        int cut = params > 0 ? params : query > 0 ? query : url.length();
        return (driver == NodeConfig.Database.Driver.H2 ? "H2 " : "PostgreSQL ")
                + url.substring(5, cut);
    }

    @Override
    public void close() {
        pool.close();
    }

    /**
     * Makes a committed write reach the disk before the caller answers, so that it survives the
     * process being killed and the machine losing power. H2's own write delay would leave up to
     * half a second in memory; turning the delay off instead also stops H2's background compaction,
     * and the file bloats. Because every commit is synced, H2 may reuse space after one second
     * instead of 45 (RETENTION_TIME in {@code DatabaseSettings}), which keeps the file small under
     * bursts of writes (ADR 6).
     */
    private void persist(Connection connection, Sql sql) throws SQLException {
        if (sql.wrote() && driver == NodeConfig.Database.Driver.H2) {
            try (var statement = connection.createStatement()) {
                statement.execute("CHECKPOINT SYNC");
            }
        }
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, "rollback failed", e);
        }
    }

    private static String describe(NodeConfig.Database settings, Throwable cause) {
        String reason = cause == null ? "unknown error" : cause.getMessage();
        if (settings.driver() == NodeConfig.Database.Driver.H2) {
            if (reason != null && reason.contains("already in use")) {
                return "the H2 database is already open in another process; is another PeerClaw"
                        + " node using the same data folder?";
            }
            return "cannot open the H2 database: " + firstLine(reason);
        }
        return "cannot connect to PostgreSQL ("
                + settings.jdbcUrl().replaceAll("\\?.*", "")
                + "): "
                + firstLine(reason);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unknown error";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
