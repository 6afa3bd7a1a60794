package io.peerclaw.node.registry;

import io.peerclaw.node.fixtures.TestNode;

class RegistryH2IT extends RegistryContract {
    @Override
    TestNode.Engine engine() {
        return TestNode.Engine.H2;
    }
}
