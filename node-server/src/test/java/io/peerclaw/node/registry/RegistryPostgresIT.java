package io.peerclaw.node.registry;

import io.peerclaw.node.fixtures.TestNode;

class RegistryPostgresIT extends RegistryContract {
    @Override
    TestNode.Engine engine() {
        return TestNode.Engine.POSTGRES;
    }
}
