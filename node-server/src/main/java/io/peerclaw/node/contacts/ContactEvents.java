package io.peerclaw.node.contacts;

import io.peerclaw.shared.protocol.api.Contacts.ContactRequest;

/**
 * What other features hear of contacts, after the change is stored: the signaling relay pushes
 * frames to the agents concerned. Called on the thread that made the change; must not throw.
 */
public interface ContactEvents {
    /** A request was opened (new, or asked again after a rejection). */
    void requested(ContactRequest request);

    /** A request was approved: both agents now list each other. */
    void approved(ContactRequest request);

    ContactEvents NONE =
            new ContactEvents() {
                @Override
                public void requested(ContactRequest request) {}

                @Override
                public void approved(ContactRequest request) {}
            };
}
