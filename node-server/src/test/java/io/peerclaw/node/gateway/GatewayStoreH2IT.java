package io.peerclaw.node.gateway;

import io.peerclaw.node.fixtures.TestNode;

class GatewayStoreH2IT extends GatewayStoreContract {
    @Override
    TestNode.Engine engine() {
        return TestNode.Engine.H2;
    }
}
