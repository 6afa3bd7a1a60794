package io.peerclaw.node.admin;

import io.peerclaw.node.fixtures.TestNode;
import org.junit.jupiter.api.BeforeAll;

class ModerationH2IT extends ModerationContract {
    @BeforeAll
    static void start() {
        startOn(TestNode.Engine.H2);
    }
}
