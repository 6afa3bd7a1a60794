package io.peerclaw.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.node.config.Secret;
import io.peerclaw.node.fixtures.TestDatabase;
import io.peerclaw.node.fixtures.TestNode;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MigrationsTest {
    @ParameterizedTest
    @EnumSource(TestNode.Engine.class)
    void appliesEveryMigrationOnceOnBothEngines(TestNode.Engine engine) {
        try (var db = TestDatabase.fresh(engine)) {
            long applied =
                    db.database().read(sql -> sql.count("SELECT COUNT(*) FROM schema_migrations"));
            assertThat(applied).isEqualTo(Migrations.FILES.size());
            Migrations.apply(db.database()); // a second start changes nothing
            long again =
                    db.database().read(sql -> sql.count("SELECT COUNT(*) FROM schema_migrations"));
            assertThat(again).isEqualTo(applied);
            long agents = db.database().read(sql -> sql.count("SELECT COUNT(*) FROM agents"));
            assertThat(agents).isZero();
        }
    }

    @Test
    void refusesADatabaseWhoseAppliedMigrationChanged() {
        String url =
                "jdbc:h2:mem:"
                        + UUID.randomUUID()
                        + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        var settings =
                new NodeConfig.Database(
                        NodeConfig.Database.Driver.H2, url, "sa", new Secret(""), 2);
        try (var db = Database.open(settings)) {
            db.read(
                    sql ->
                            sql.update(
                                    "UPDATE schema_migrations SET checksum = 'x' WHERE version ="
                                            + " 1"));
            assertThatThrownBy(() -> Migrations.apply(db))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("changed");
            db.read(
                    sql ->
                            sql.update(
                                    "UPDATE schema_migrations SET checksum = 'x' WHERE version ="
                                            + " 1"));
        }
    }

    @Test
    void refusesADatabaseFromANewerVersion() {
        try (var db = TestDatabase.fresh(TestNode.Engine.H2)) {
            db.database()
                    .read(
                            sql ->
                                    sql.update(
                                            "INSERT INTO schema_migrations (version, name,"
                                                + " checksum, applied_at) VALUES (999,"
                                                + " 'V999__future.sql', 'x', CURRENT_TIMESTAMP)"));
            assertThatThrownBy(() -> Migrations.apply(db.database()))
                    .hasMessageContaining("newer PeerClaw");
        }
    }

    @Test
    void splitsScriptsIntoStatements() {
        assertThat(
                        Migrations.statements(
                                "-- comment\n"
                                        + "CREATE TABLE a (x INT);\n\n"
                                        + "CREATE INDEX i ON a (x);\n"))
                .containsExactly("CREATE TABLE a (x INT)", "CREATE INDEX i ON a (x)");
    }
}
