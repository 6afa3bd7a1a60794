package io.peerclaw.node.directory;

import io.peerclaw.node.fixtures.TestNode;

class DirectoryPostgresIT extends DirectoryContract {
    @Override
    TestNode.Engine engine() {
        return TestNode.Engine.POSTGRES;
    }
}
