package io.peerclaw.bench;

import io.peerclaw.shared.crypto.Ed25519;
import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.model.AgentCard;
import io.peerclaw.shared.model.AgentId;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes agents straight into a node's tables, as registration would leave them, so that a large
 * directory can be set up in seconds instead of the many minutes signed registrations take. The
 * node indexes them for search when it next starts. Benchmarks only: nothing here is validated.
 */
final class DatabaseSeeder {
    private static final List<String> STATUSES = List.of("online", "online", "busy", "offline");

    private DatabaseSeeder() {}

    static String seed(String jdbcUrl, int from, int to) throws SQLException {
        long started = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(jdbcUrl)) {
            connection.setAutoCommit(false);
            try (var agents =
                            connection.prepareStatement(
                                    "INSERT INTO agents (id, public_key, name, visibility,"
                                            + " card_json, registered_at, updated_at,"
                                            + " public_endpoint, verified, reputation_score)"
                                            + " VALUES (?, ?, ?, 'public', ?, ?, ?, ?, ?, ?)");
                    var liveness =
                            connection.prepareStatement(
                                    "INSERT INTO agent_liveness (agent_id, status, last_heartbeat,"
                                            + " registered_at) VALUES (?, ?, ?, ?)");
                    var capabilities =
                            connection.prepareStatement(
                                    "INSERT INTO agent_capabilities (agent_id, capability,"
                                            + " registered_at) VALUES (?, ?, ?)");
                    var protocols =
                            connection.prepareStatement(
                                    "INSERT INTO agent_protocols (agent_id, protocol,"
                                            + " registered_at) VALUES (?, ?, ?)")) {
                Instant base = Instant.parse("2026-01-01T00:00:00Z");
                for (int index = from; index < to; index++) {
                    Ed25519.KeyPair key = LoadGenerator.key(index);
                    String id = AgentId.of(key.publicKey()).value();
                    Map<String, Object> card = LoadGenerator.variedCard(index, key);
                    AgentCard content =
                            Json.convert(card, AgentCard.class)
                                    .withServerFields(null, null, null, null, null);
                    var random = new Random(index * 977L);
                    var at = base.plusSeconds(index * 60L).atOffset(ZoneOffset.UTC);
                    agents.setString(1, id);
                    agents.setString(2, key.publicKey().base64());
                    agents.setString(3, content.name());
                    agents.setString(4, Json.text(content));
                    agents.setObject(5, at);
                    agents.setObject(6, at);
                    agents.setBoolean(7, random.nextInt(5) == 0);
                    agents.setBoolean(8, random.nextInt(3) == 0);
                    agents.setDouble(9, Math.round(random.nextDouble() * 1000) / 1000.0);
                    agents.addBatch();
                    liveness.setString(1, id);
                    liveness.setString(2, STATUSES.get(random.nextInt(STATUSES.size())));
                    liveness.setObject(3, at);
                    liveness.setObject(4, at);
                    liveness.addBatch();
                    for (String capability : content.capabilities()) {
                        add(capabilities, id, capability, at);
                    }
                    for (String protocol : content.protocols()) {
                        add(protocols, id, protocol, at);
                    }
                    if ((index + 1 - from) % 1000 == 0 || index == to - 1) {
                        agents.executeBatch();
                        liveness.executeBatch();
                        capabilities.executeBatch();
                        protocols.executeBatch();
                        connection.commit();
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return String.format(
                "seeded %d agents by SQL in %.1f s (%.0f/s)",
                to - from, seconds, (to - from) / seconds);
    }

    private static void add(PreparedStatement statement, String id, String value, Object at)
            throws SQLException {
        statement.setString(1, id);
        statement.setString(2, value);
        statement.setObject(3, at);
        statement.addBatch();
    }
}
