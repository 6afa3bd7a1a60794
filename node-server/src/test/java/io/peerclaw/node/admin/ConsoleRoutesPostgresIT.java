package io.peerclaw.node.admin;

import io.peerclaw.node.fixtures.TestNode;
import org.junit.jupiter.api.BeforeAll;

/** The console's routes on PostgreSQL (the reputation figures are SQL of their own). */
class ConsoleRoutesPostgresIT extends ConsoleRoutesIT {
    @BeforeAll
    static void start() {
        startOn(TestNode.Engine.POSTGRES);
    }
}
