package io.peerclaw.node.accounts;

import io.peerclaw.node.fixtures.TestNode;
import org.junit.jupiter.api.BeforeAll;

class AccountsPostgresIT extends AccountsContract {
    @BeforeAll
    static void start() {
        startOn(TestNode.Engine.POSTGRES);
    }
}
