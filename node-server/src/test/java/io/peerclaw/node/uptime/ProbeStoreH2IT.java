package io.peerclaw.node.uptime;

import io.peerclaw.node.fixtures.TestNode;

class ProbeStoreH2IT extends ProbeStoreContract {
    @Override
    TestNode.Engine engine() {
        return TestNode.Engine.H2;
    }
}
