package io.peerclaw.node.provider;

import io.peerclaw.node.fixtures.TestNode;
import org.junit.jupiter.api.BeforeAll;

class ProviderH2IT extends ProviderContract {
    @BeforeAll
    static void start() {
        startOn(TestNode.Engine.H2);
    }
}
