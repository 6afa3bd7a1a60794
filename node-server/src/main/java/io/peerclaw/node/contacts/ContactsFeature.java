package io.peerclaw.node.contacts;

import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.http.Feature;
import io.peerclaw.node.http.Mount;
import io.peerclaw.node.identity.Authenticator;
import io.peerclaw.node.registry.AgentReads;
import io.peerclaw.node.registry.OwnedAgents;
import io.peerclaw.node.storage.Database;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;

/** Contacts and contact requests: the whitelist rule and its routes. */
public final class ContactsFeature implements Feature {
    private final ContactBook book;
    private final OwnedAgents owned;
    private final Authenticator authenticator;

    private ContactsFeature(ContactBook book, OwnedAgents owned, Authenticator authenticator) {
        this.book = book;
        this.owned = owned;
        this.authenticator = authenticator;
    }

    public static ContactsFeature create(
            Database database,
            AgentReads agents,
            OwnedAgents owned,
            AuditLog audit,
            InstantSource clock,
            Authenticator authenticator) {
        return new ContactsFeature(
                new ContactBook(new ContactStore(database), agents, audit, clock, UUID::randomUUID),
                owned,
                authenticator);
    }

    /** The whitelist rule, for the gateway and the signaling relay. */
    public ContactBook book() {
        return book;
    }

    @Override
    public List<Mount> routes() {
        return Mount.under(Mount.API, new ContactsHttpService(book, owned, authenticator));
    }
}
