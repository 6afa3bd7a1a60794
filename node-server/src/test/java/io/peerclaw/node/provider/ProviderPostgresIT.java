package io.peerclaw.node.provider;

import io.peerclaw.node.fixtures.TestNode;
import org.junit.jupiter.api.BeforeAll;

class ProviderPostgresIT extends ProviderContract {
    @BeforeAll
    static void start() {
        startOn(TestNode.Engine.POSTGRES);
    }
}
