package io.peerclaw.node.admin;

import io.peerclaw.node.fixtures.TestNode;
import org.junit.jupiter.api.BeforeAll;

class ModerationPostgresIT extends ModerationContract {
    @BeforeAll
    static void start() {
        startOn(TestNode.Engine.POSTGRES);
    }
}
