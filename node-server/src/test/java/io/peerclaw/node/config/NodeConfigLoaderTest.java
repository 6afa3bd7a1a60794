package io.peerclaw.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerclaw.node.config.NodeConfig.Database.Driver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigLoaderTest {
    @TempDir Path dir;

    NodeConfigLoader.Result load(String yaml, Map<String, String> env) throws IOException {
        Optional<Path> file = Optional.empty();
        if (yaml != null) {
            Path path = dir.resolve("peerclaw.yaml");
            Files.writeString(path, yaml);
            file = Optional.of(path);
        }
        var environment = new HashMap<>(env);
        environment.putIfAbsent("HOME", dir.toString());
        return NodeConfigLoader.load(
                new ConfigSources(
                        file,
                        Optional.of(dir.resolve("data")),
                        OptionalInt.empty(),
                        environment,
                        Map.of()));
    }

    List<String> problems(String yaml, Map<String, String> env) {
        try {
            load(yaml, env);
        } catch (ConfigException e) {
            return e.problems();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError("expected the configuration to be refused");
    }

    @Test
    void everyKeyHasADefaultAndNoFileIsNeeded() throws IOException {
        var config = load(null, Map.of()).config();
        assertThat(config.server().port()).isEqualTo(8080);
        assertThat(config.server().host()).isEqualTo("0.0.0.0");
        assertThat(config.auth().required()).isTrue();
        assertThat(config.database().driver()).isEqualTo(Driver.H2);
        assertThat(config.database().jdbcUrl())
                .startsWith("jdbc:h2:file:" + dir.resolve("data").resolve("peerclaw"))
                .contains("MODE=PostgreSQL")
                .contains("RETENTION_TIME=1000")
                .doesNotContain("WRITE_DELAY");
        assertThat(config.rateLimit().maxBodyBytes()).isEqualTo(1 << 20);
        assertThat(config.registry().heartbeatInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.registry().offlineAfter()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.effective())
                .containsKeys(
                        "user_auth.jwt_secret",
                        "smtp.host",
                        "retention.invocations_days",
                        "version_check.repo");
    }

    @Test
    void loadsTheOriginalProjectsExampleFile() throws IOException {
        String yaml =
                """
                server:
                  http_addr: ":9090"
                  cors_origins: ["https://dashboard.example.com"]
                auth:
                  required: false
                database:
                  driver: "sqlite"
                  dsn: "peerclaw.db"
                redis:
                  addr: "localhost:6379"
                  password: "${REDIS_PASSWORD}"
                  db: 0
                signaling:
                  enabled: true
                  turn:
                    urls: ["turn:turn.example.com:3478"]
                    username: "user"
                    credential: "${TURN_CREDENTIAL}"
                bridge:
                  a2a:
                    enabled: true
                  mcp:
                    enabled: true
                  acp:
                    enabled: true
                federation:
                  enabled: false
                  node_name: "node-1"
                  auth_token: "${FEDERATION_TOKEN}"
                  peers:
                    - name: "node-2"
                      address: "https://node2.example.com"
                      token: "${FEDERATION_PEER_TOKEN}"
                rate_limit:
                  enabled: true
                  requests_per_sec: 100
                  burst_size: 200
                  max_connections: 1000
                observability:
                  enabled: false
                  otlp_endpoint: "localhost:4317"
                  service_name: "peerclaw-gateway"
                  traces_sampling: 0.1
                audit_log:
                  enabled: true
                  output: "stdout"
                user_auth:
                  enabled: true
                  jwt_secret: "${JWT_SECRET}"
                  access_ttl: "15m"
                  refresh_ttl: "168h"
                  bcrypt_cost: 12
                logging:
                  level: "info"
                  format: "text"
                """;
        var env =
                Map.of(
                        "REDIS_PASSWORD",
                        "r",
                        "TURN_CREDENTIAL",
                        "t",
                        "FEDERATION_TOKEN",
                        "f",
                        "FEDERATION_PEER_TOKEN",
                        "p",
                        "JWT_SECRET",
                        "0123456789abcdef0123456789abcdef0123");
        var result = load(yaml, env);
        assertThat(result.config().server().port()).isEqualTo(9090);
        assertThat(result.config().auth().required()).isFalse();
        assertThat(result.config().database().driver()).isEqualTo(Driver.H2);
        assertThat(result.config().database().jdbcUrl())
                .contains(dir.resolve("data").resolve("peerclaw").toString());
        assertThat(result.config().userAuth().jwtSecret().value())
                .isEqualTo("0123456789abcdef0123456789abcdef0123");
        assertThat(result.warnings()).anyMatch(w -> w.contains("sqlite"));
        assertThat(result.config().effective().get("user_auth.jwt_secret")).isEqualTo("(secret)");
        assertThat(result.config().toString())
                .doesNotContain("0123456789abcdef0123456789abcdef0123");
    }

    @Test
    void substitutesVariablesInsideAnyStringAndSupportsFallbacks() throws IOException {
        var config =
                load(
                                """
                                server:
                                  http_addr: "${HOST:-127.0.0.1}:${PORT}"
                                database:
                                  driver: postgres
                                  dsn: "postgres://app:${DB_PASS}@db.internal:5433/peerclaw?sslmode=disable"
                                """,
                                Map.of("PORT", "9999", "DB_PASS", "p%40ss%20word"))
                        .config();
        assertThat(config.server().host()).isEqualTo("127.0.0.1");
        assertThat(config.server().port()).isEqualTo(9999);
        assertThat(config.database().jdbcUrl())
                .isEqualTo("jdbc:postgresql://db.internal:5433/peerclaw?sslmode=disable");
        assertThat(config.database().user()).isEqualTo("app");
        assertThat(config.database().password().value()).isEqualTo("p@ss word");
    }

    @Test
    void environmentOverridesEveryKeyIncludingLists() throws IOException {
        var config =
                load(
                                "server:\n  http_addr: \":9090\"\n",
                                Map.of(
                                        "PEERCLAW_SERVER_HTTP_ADDR", "127.0.0.1:7000",
                                        "PEERCLAW_SERVER_CORS_ORIGINS",
                                                "https://a.example.com, https://b.example.com",
                                        "PEERCLAW_AUTH_REQUIRED", "false",
                                        "PEERCLAW_RATE_LIMIT_REQUESTS_PER_SEC", "2.5",
                                        "PEERCLAW_REGISTRY_OFFLINE_AFTER", "10m",
                                        "PEERCLAW_SECURITY_ALLOWED_PRIVATE_CIDRS", "10.0.0.0/8",
                                        "PEERCLAW_FEDERATION_PEERS",
                                                "[{\"name\":\"n2\",\"address\":\"https://n2.example.com\"}]"))
                        .config();
        assertThat(config.server().port()).isEqualTo(7000);
        assertThat(config.server().corsOrigins())
                .containsExactly("https://a.example.com", "https://b.example.com");
        assertThat(config.auth().required()).isFalse();
        assertThat(config.rateLimit().requestsPerSecond()).isEqualTo(2.5);
        assertThat(config.registry().offlineAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.security().allowedPrivateCidrs()).hasSize(1);
        assertThat(config.effective().get("federation.peers")).isEqualTo("1 entries");
    }

    @Test
    void namesUnknownKeysInWarnings() throws IOException {
        var result =
                load(
                        "server:\n  http_adr: \":1\"\nmystery: 1\n",
                        Map.of("PEERCLAW_SERVER_HTTPADDR", "x"));
        assertThat(result.warnings())
                .anyMatch(w -> w.contains("'server.http_adr'"))
                .anyMatch(w -> w.contains("'mystery'"))
                .anyMatch(w -> w.contains("PEERCLAW_SERVER_HTTPADDR"));
    }

    @Test
    void reportsEveryProblemOnItsOwnLine() {
        var problems =
                problems(
                        """
                        server:
                          http_addr: "localhost:99999"
                        database:
                          driver: mongodb
                        user_auth:
                          access_ttl: 15
                          refresh_ttl: "forever"
                          jwt_secret: "short"
                        logging:
                          level: loud
                        audit_log:
                          output: syslog
                        redis:
                          password: "${NOT_SET_ANYWHERE}"
                        """,
                        Map.of());
        assertThat(problems)
                .anyMatch(p -> p.startsWith("server.http_addr") && p.contains("99999"))
                .anyMatch(p -> p.startsWith("database.driver") && p.contains("mongodb"))
                .anyMatch(p -> p.startsWith("user_auth.access_ttl") && p.contains("needs a unit"))
                .anyMatch(p -> p.startsWith("user_auth.refresh_ttl") && p.contains("forever"))
                .anyMatch(p -> p.startsWith("user_auth.jwt_secret") && p.contains("32 bytes"))
                .anyMatch(p -> p.startsWith("logging.level"))
                .anyMatch(p -> p.startsWith("audit_log.output"))
                .anyMatch(p -> p.contains("${NOT_SET_ANYWHERE} is not set"));
        assertThat(problems).allMatch(p -> !p.contains("\n"));
        assertThat(String.join("\n", problems)).doesNotContain("short\"");
    }

    @Test
    void postgresNeedsADsnAndFederationNeedsItsToken() {
        assertThat(problems("database:\n  driver: postgres\n", Map.of()))
                .anyMatch(p -> p.startsWith("database.dsn") && p.contains("required"));
        assertThat(problems("federation:\n  enabled: true\n", Map.of()))
                .anyMatch(p -> p.startsWith("federation.auth_token"));
    }

    @Test
    void acceptsPostgresDsnsInEveryForm() throws IOException {
        var keyValue =
                load(
                                "database:\n"
                                        + "  driver: postgres\n"
                                        + "  dsn: \"host=db port=5432 user=pc password=secret"
                                        + " dbname=peerclaw sslmode=require\"\n",
                                Map.of())
                        .config()
                        .database();
        assertThat(keyValue.jdbcUrl())
                .isEqualTo("jdbc:postgresql://db:5432/peerclaw?sslmode=require");
        assertThat(keyValue.user()).isEqualTo("pc");
        var jdbc =
                load(
                                "database:\n"
                                    + "  driver: postgresql\n"
                                    + "  dsn:"
                                    + " \"jdbc:postgresql://127.0.0.1:5432/test?user=postgres\"\n",
                                Map.of())
                        .config()
                        .database();
        assertThat(jdbc.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    }

    @Test
    void refusesAMissingOrMalformedFile() {
        assertThatThrownBy(
                        () ->
                                NodeConfigLoader.load(
                                        new ConfigSources(
                                                Optional.of(dir.resolve("missing.yaml")),
                                                Optional.of(dir),
                                                OptionalInt.empty(),
                                                Map.of(),
                                                Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not exist");
        assertThat(problems("server: [unclosed\n", Map.of()))
                .anyMatch(p -> p.contains("not valid YAML"));
        assertThat(problems("- just\n- a list\n", Map.of())).anyMatch(p -> p.contains("mapping"));
    }

    @Test
    void findsAConfigFileInTheDataFolderAndTheDefaultDataFolder() throws IOException {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Files.writeString(
                data.resolve("config.yaml"),
                "server:\n  http_addr: \":8181\"\n  data_dir: /elsewhere\n");
        var result = load(null, Map.of());
        assertThat(result.config().server().port()).isEqualTo(8181);
        assertThat(result.config().dataDirectory()).isEqualTo(data);
        assertThat(result.warnings()).anyMatch(w -> w.contains("cannot move it"));

        var xdg =
                NodeConfigLoader.load(
                                new ConfigSources(
                                        Optional.empty(),
                                        Optional.empty(),
                                        OptionalInt.empty(),
                                        Map.of("XDG_DATA_HOME", dir.resolve("xdg").toString()),
                                        Map.of()))
                        .config();
        assertThat(xdg.dataDirectory()).isEqualTo(dir.resolve("xdg").resolve("peerclaw"));
        var home =
                NodeConfigLoader.load(
                                new ConfigSources(
                                        Optional.empty(),
                                        Optional.empty(),
                                        OptionalInt.empty(),
                                        Map.of("HOME", dir.toString()),
                                        Map.of()))
                        .config();
        assertThat(home.dataDirectory()).isEqualTo(dir.resolve(".peerclaw"));
    }

    @Test
    void thePortFlagWinsOverTheFile() throws IOException {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "server:\n  http_addr: \"127.0.0.1:9000\"\n");
        var config =
                NodeConfigLoader.load(
                                new ConfigSources(
                                        Optional.of(file),
                                        Optional.of(dir),
                                        OptionalInt.of(9100),
                                        Map.of(),
                                        Map.of()))
                        .config();
        assertThat(config.server().host()).isEqualTo("127.0.0.1");
        assertThat(config.server().port()).isEqualTo(9100);
    }

    @Test
    void probesDefaultToEveryFiveMinutesAndAreCheckedForRange() throws IOException {
        var probe = load(null, Map.of()).config().probe();
        assertThat(probe.enabled()).isTrue();
        assertThat(probe.interval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(probe.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(probe.concurrency()).isEqualTo(8);

        var set =
                load(
                                "probe:\n  enabled: false\n  interval: 1m\n  timeout: 2s\n"
                                        + "  concurrency: 3\n",
                                Map.of())
                        .config()
                        .probe();
        assertThat(set)
                .isEqualTo(
                        new NodeConfig.Probe(
                                false, Duration.ofMinutes(1), Duration.ofSeconds(2), 3));
        assertThat(problems("probe:\n  interval: 5s\n  concurrency: 0\n", Map.of()))
                .anyMatch(p -> p.startsWith("probe.interval") && p.contains("out of range"))
                .anyMatch(p -> p.startsWith("probe.concurrency") && p.contains("out of range"));
        assertThat(problems("probe:\n  interval: 40s\n  timeout: 50s\n", Map.of()))
                .anyMatch(p -> p.startsWith("probe.timeout") && p.contains("shorter"));
    }

    @Test
    void signalingDefaultsAndTurnCredentialsOfOneKindOnly() throws IOException {
        var defaults = load(null, Map.of()).config().signaling();
        assertThat(defaults.enabled()).isTrue();
        assertThat(defaults.maxConnections()).isEqualTo(10_000);
        assertThat(defaults.turnTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(defaults.allowedOrigins()).isEmpty();
        assertThat(defaults.mailboxMaxBytes()).isEqualTo(1 << 20);

        var ephemeral =
                load(
                                """
                                signaling:
                                  turn:
                                    urls: [turn:turn.example.org:3478]
                                    secret: s3cret
                                    ttl: 1h
                                """,
                                Map.of())
                        .config()
                        .signaling();
        assertThat(ephemeral.turnSecret().value()).isEqualTo("s3cret");
        assertThat(ephemeral.turnTtl()).isEqualTo(Duration.ofHours(1));

        assertThat(
                        problems(
                                """
                                signaling:
                                  allowed_origins: ["app.example.com"]
                                  turn:
                                    urls: [turn:turn.example.org:3478]
                                    secret: s3cret
                                    username: alice
                                """,
                                Map.of()))
                .anyMatch(p -> p.startsWith("signaling.turn.secret"))
                .anyMatch(p -> p.startsWith("signaling.turn.credential"))
                .anyMatch(p -> p.startsWith("signaling.allowed_origins"));
        assertThat(problems(null, Map.of("PEERCLAW_RATE_LIMIT_MAX_CONNECTIONS", "0")))
                .anyMatch(p -> p.startsWith("rate_limit.max_connections"));
    }
}
