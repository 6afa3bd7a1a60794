package io.peerclaw.node.reputation;

import io.peerclaw.node.fixtures.TestNode;

class ReputationPostgresIT extends ReputationContract {
    @Override
    TestNode.Engine engineKind() {
        return TestNode.Engine.POSTGRES;
    }
}
