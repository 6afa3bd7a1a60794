package io.peerclaw.node.directory;

import io.peerclaw.node.fixtures.TestNode;

class DirectoryH2IT extends DirectoryContract {
    @Override
    TestNode.Engine engine() {
        return TestNode.Engine.H2;
    }
}
