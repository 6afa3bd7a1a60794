package io.peerclaw.node.uptime;

import io.peerclaw.node.fixtures.TestNode;

class ProbeStorePostgresIT extends ProbeStoreContract {
    @Override
    TestNode.Engine engine() {
        return TestNode.Engine.POSTGRES;
    }
}
