package io.peerclaw.node.contacts;

import io.peerclaw.node.fixtures.TestNode;
import org.junit.jupiter.api.BeforeAll;

class ContactsH2IT extends ContactsContract {
    @BeforeAll
    static void start() {
        startOn(TestNode.Engine.H2);
    }
}
