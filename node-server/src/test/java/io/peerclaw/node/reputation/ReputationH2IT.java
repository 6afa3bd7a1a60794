package io.peerclaw.node.reputation;

import io.peerclaw.node.fixtures.TestNode;

class ReputationH2IT extends ReputationContract {
    @Override
    TestNode.Engine engineKind() {
        return TestNode.Engine.H2;
    }
}
