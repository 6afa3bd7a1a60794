package io.peerclaw.node.gateway;

import io.peerclaw.node.fixtures.TestNode;

class GatewayStorePostgresIT extends GatewayStoreContract {
    @Override
    TestNode.Engine engine() {
        return TestNode.Engine.POSTGRES;
    }
}
