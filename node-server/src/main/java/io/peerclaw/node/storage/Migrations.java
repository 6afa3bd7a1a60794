package io.peerclaw.node.storage;

import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.shared.crypto.Hashes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Applies the numbered SQL files under {@code db/migration/} in order, once each, recording them in
 * {@code schema_migrations} with a checksum. A file may have a PostgreSQL-only variant named {@code
 * …​.postgres.sql}. On PostgreSQL the whole run holds an advisory lock, so nodes starting together
 * against one database migrate it once.
 */
final class Migrations {
    private static final System.Logger LOG = System.getLogger(Migrations.class.getName());

    /** Every migration, in order. Append only; never edit an applied file. */
    static final List<String> FILES =
            List.of(
                    "V001__registry.sql",
                    "V002__agent_keys.sql",
                    "V003__audit.sql",
                    "V004__accounts.sql",
                    "V005__ownership.sql",
                    "V006__directory.sql",
                    "V007__reputation.sql",
                    "V008__verification.sql",
                    "V009__probes.sql",
                    "V010__directory_sort_indexes.sql",
                    "V011__gateway.sql",
                    "V012__callable_listing.sql",
                    "V013__contacts.sql",
                    "V014__signaling_mailbox.sql");

    private static final long LOCK_KEY = 0x50434c4157L; // "PCLAW"

    private Migrations() {}

    static void apply(Database database) {
        boolean postgres = database.driver() == NodeConfig.Database.Driver.POSTGRES;
        database.inTransaction(
                sql -> {
                    if (postgres) {
                        sql.queryOne("SELECT pg_advisory_xact_lock(?)", row -> 1, LOCK_KEY);
                    }
                    sql.execute(
                            """
                            CREATE TABLE IF NOT EXISTS schema_migrations (
                                version     INTEGER PRIMARY KEY,
                                name        VARCHAR(200) NOT NULL,
                                checksum    VARCHAR(64) NOT NULL,
                                applied_at  TIMESTAMP WITH TIME ZONE NOT NULL
                            )\
                            """);
                    Map<Integer, String> applied =
                            sql
                                    .query(
                                            "SELECT version, checksum FROM schema_migrations",
                                            row -> Map.entry(row.getInt(1), row.getString(2)))
                                    .stream()
                                    .collect(
                                            Collectors.toMap(
                                                    Map.Entry::getKey, Map.Entry::getValue));
                    for (String file : FILES) {
                        int version = version(file);
                        String script = load(file, postgres);
                        String checksum = Hashes.sha256Hex(script);
                        String known = applied.get(version);
                        if (known != null) {
                            if (!known.equals(checksum)) {
                                throw new StorageException(
                                        "migration "
                                                + file
                                                + " changed after it was applied to this database;"
                                                + " restore the original file");
                            }
                            continue;
                        }
                        for (String statement : statements(script)) {
                            sql.execute(statement);
                        }
                        sql.update(
                                "INSERT INTO schema_migrations (version, name, checksum,"
                                        + " applied_at) VALUES (?, ?, ?, ?)",
                                version,
                                file,
                                checksum,
                                Instant.now());
                        LOG.log(System.Logger.Level.INFO, "applied schema migration {0}", file);
                    }
                    int newest = FILES.stream().mapToInt(Migrations::version).max().orElse(0);
                    if (applied.keySet().stream().anyMatch(v -> v > newest)) {
                        throw new StorageException(
                                "the database was migrated by a newer PeerClaw version; upgrade"
                                        + " this node");
                    }
                    return null;
                });
    }

    /** {@code V007__reputation.sql} → 7. */
    private static int version(String file) {
        return Integer.parseInt(file.substring(1, file.indexOf("__")));
    }

    private static String load(String file, boolean postgres) {
        if (postgres) {
            String variant = file.replace(".sql", ".postgres.sql");
            String text = read(variant);
            if (text != null) {
                return text;
            }
        }
        String text = read(file);
        if (text == null) {
            throw new IllegalStateException("missing migration resource " + file);
        }
        return text;
    }

    private static String read(String file) {
        try (InputStream in = Migrations.class.getResourceAsStream("/db/migration/" + file)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits on semicolons that end a line; comment lines are dropped. */
    static List<String> statements(String script) {
        var out = new ArrayList<String>();
        var current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                out.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
