package io.peerclaw.shared.protocol.api;

import java.time.Instant;
import java.util.List;

/**
 * An agent's contacts (the agents allowed to reach it) and the requests agents send to become
 * someone's contact: {@code /api/v1/agents/{id}/contacts} and {@code …/contact-requests}.
 */
public final class Contacts {
    private Contacts() {}

    /** An agent allowed to reach the listing agent, until {@code expiresAt} when that is set. */
    public record Contact(String agentId, String alias, Instant expiresAt, Instant createdAt) {}

    public record ContactList(List<Contact> contacts) {}

    /** {@code POST …/contacts}: allow an agent to reach this one. */
    public record ContactAdd(String agentId, String alias, Instant expiresAt) {}

    /** {@code POST …/contact-requests}: ask another agent to become its contact. */
    public record ContactRequestCreate(String toAgentId, String message) {}

    /** {@code status} is {@code pending}, {@code approved} or {@code rejected}. */
    public record ContactRequest(
            String id,
            String fromAgentId,
            String toAgentId,
            String status,
            String message,
            String rejectReason,
            Instant createdAt,
            Instant updatedAt) {}

    public record ContactRequestList(List<ContactRequest> requests) {}

    /** {@code PUT …/contact-requests/{request_id}}: the asked agent's answer. */
    public record ContactDecision(String status, String reason) {}
}
