package io.peerclaw.node.contacts;

import io.peerclaw.node.fixtures.TestNode;
import org.junit.jupiter.api.BeforeAll;

class ContactsPostgresIT extends ContactsContract {
    @BeforeAll
    static void start() {
        startOn(TestNode.Engine.POSTGRES);
    }
}
