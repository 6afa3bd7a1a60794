package io.peerclaw.node.contacts;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.peerclaw.node.audit.AuditEvent;
import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.registry.AgentReads;
import io.peerclaw.node.registry.ManagedAgent;
import io.peerclaw.shared.model.AgentId;
import io.peerclaw.shared.protocol.api.Contacts.Contact;
import io.peerclaw.shared.protocol.api.Contacts.ContactAdd;
import io.peerclaw.shared.protocol.api.Contacts.ContactDecision;
import io.peerclaw.shared.protocol.api.Contacts.ContactRequest;
import io.peerclaw.shared.protocol.api.Contacts.ContactRequestCreate;
import io.peerclaw.shared.protocol.api.Problem.FieldError;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Whom an agent may reach, and how agents ask. Agent A's contacts are the agents allowed to reach
 * A; agents of one owner reach each other without being listed. The rule is one-directional: B
 * listed by A may reach A, not the other way round, until A is listed by B too (an approved request
 * lists both).
 */
public final class ContactBook {
    /** The most agents one agent lists, so that a list is always read whole. */
    static final int MAX_CONTACTS = 1000;

    /** The most requests one agent waits on at a time. */
    static final int MAX_PENDING = 20;

    /** The most requests a listing returns, newest first. */
    static final int LIST_LIMIT = 500;

    static final int MAX_ALIAS = 200;
    static final int MAX_TEXT = 1000;

    private final ContactStore store;
    private final AgentReads agents;
    private final AuditLog audit;
    private final InstantSource clock;
    private final Supplier<UUID> ids;
    private volatile ContactEvents events = ContactEvents.NONE;
    private final LoadingCache<Pair, Reach> reaches =
            Caffeine.newBuilder()
                    .refreshAfterWrite(Duration.ofMinutes(1))
                    .expireAfterAccess(Duration.ofMinutes(10))
                    .maximumSize(200_000)
                    .build(this::reach);

    ContactBook(
            ContactStore store,
            AgentReads agents,
            AuditLog audit,
            InstantSource clock,
            Supplier<UUID> ids) {
        this.store = store;
        this.agents = agents;
        this.audit = audit;
        this.clock = clock;
        this.ids = ids;
    }

    /** Who hears of requests opened and approved; set once by the composition root. */
    public void onEvents(ContactEvents listener) {
        this.events = listener;
    }

    /**
     * Whether {@code from} may reach {@code to}: {@code to} lists {@code from} (unexpired), or one
     * account owns both.
     */
    public boolean allows(AgentId from, AgentId to) {
        if (from.equals(to)) {
            return true;
        }
        Reach reach = reaches.get(new Pair(from, to));
        return reach.allowed()
                && (reach.until() == null || clock.instant().isBefore(reach.until()));
    }

    /**
     * The rule as storage answers it now: listed (until the entry's expiry), or one owner. Kept per
     * pair and refreshed in the background after a minute, because the relay asks for every frame
     * (reading it from storage each time made H2 the relay's bottleneck); a change made here drops
     * the pairs it touches at once, and an entry's expiry is honoured to the millisecond.
     */
    private Reach reach(Pair pair) {
        Optional<Instant> listed = store.listedUntil(pair.to().value(), pair.from().value(), now());
        if (listed.isPresent()) {
            Instant until = listed.get();
            return new Reach(true, until.equals(Instant.MAX) ? null : until);
        }
        String owner =
                agents.managedAgent(pair.to()).map(m -> m.stewardship().ownerUserId()).orElse(null);
        boolean sameOwner =
                owner != null
                        && agents.managedAgent(pair.from())
                                .map(m -> m.stewardship().ownedBy(owner))
                                .orElse(false);
        return new Reach(sameOwner, null);
    }

    private record Pair(AgentId from, AgentId to) {}

    /** Whether the rule lets one agent reach another, and until when (null: no end). */
    private record Reach(boolean allowed, Instant until) {}

    private void forget(AgentId from, AgentId to) {
        reaches.invalidate(new Pair(from, to));
    }

    List<Contact> contactsOf(AgentId agent) {
        return store.contactsOf(agent.value());
    }

    /** Lists an agent in another's contacts; {@code created} is false for an entry updated. */
    record Listed(Contact contact, boolean created) {}

    Listed add(AgentId owner, ContactAdd add, String actorUserId) {
        var errors = new ArrayList<FieldError>();
        Optional<AgentId> contact = Optional.empty();
        if (add.agentId() == null || add.agentId().isBlank()) {
            errors.add(new FieldError("agent_id", "is required"));
        } else {
            contact = AgentId.parse(add.agentId().strip());
            if (contact.isEmpty()) {
                errors.add(new FieldError("agent_id", "is not an agent id"));
            } else if (contact.get().equals(owner)) {
                errors.add(new FieldError("agent_id", "is this agent itself"));
            }
        }
        String alias = add.alias() == null ? "" : add.alias().strip();
        if (alias.length() > MAX_ALIAS) {
            errors.add(new FieldError("alias", "must be at most " + MAX_ALIAS + " characters"));
        }
        Instant now = now();
        if (add.expiresAt() != null && !add.expiresAt().isAfter(now)) {
            errors.add(new FieldError("expires_at", "must be in the future"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        AgentId other = contact.orElseThrow();
        existing(other);
        Instant expires =
                add.expiresAt() == null ? null : add.expiresAt().truncatedTo(ChronoUnit.MILLIS);
        var listed =
                switch (store.add(
                        owner.value(), other.value(), alias, expires, now, MAX_CONTACTS)) {
                    case ContactStore.Added.Created created -> new Listed(created.contact(), true);
                    case ContactStore.Added.Updated updated -> new Listed(updated.contact(), false);
                    case ContactStore.Added.Full full ->
                            throw ApiException.conflict(
                                    "agent "
                                            + owner
                                            + " already lists "
                                            + full.limit()
                                            + " contacts; remove one first");
                };
        forget(other, owner);
        audit.record(
                AuditEvent.CONTACT_ADDED,
                owner.value(),
                actorUserId,
                AuditLog.details("contact_agent_id", other.value()));
        return listed;
    }

    void remove(AgentId owner, String contactText, String actorUserId) {
        AgentId contact =
                AgentId.parse(contactText)
                        .filter(c -> store.remove(owner.value(), c.value()))
                        .orElseThrow(
                                () ->
                                        ApiException.notFound(
                                                "agent "
                                                        + owner
                                                        + " does not list "
                                                        + contactText
                                                        + " among its contacts"));
        forget(contact, owner);
        audit.record(
                AuditEvent.CONTACT_REMOVED,
                owner.value(),
                actorUserId,
                AuditLog.details("contact_agent_id", contact.value()));
    }

    /** A request sent; {@code created} is false when the same one was already pending. */
    public record Asked(ContactRequest request, boolean created) {}

    /**
     * Asks {@code create.toAgentId()} to list {@code from}: for the routes and the signaling
     * relay's {@code contact_request} frame alike.
     */
    public Asked ask(AgentId from, ContactRequestCreate create, String actorUserId) {
        var errors = new ArrayList<FieldError>();
        Optional<AgentId> target = Optional.empty();
        if (create.toAgentId() == null || create.toAgentId().isBlank()) {
            errors.add(new FieldError("to_agent_id", "is required"));
        } else {
            target = AgentId.parse(create.toAgentId().strip());
            if (target.isEmpty()) {
                errors.add(new FieldError("to_agent_id", "is not an agent id"));
            } else if (target.get().equals(from)) {
                errors.add(new FieldError("to_agent_id", "is this agent itself"));
            }
        }
        String message = create.message() == null ? "" : create.message().strip();
        if (message.length() > MAX_TEXT) {
            errors.add(new FieldError("message", "must be at most " + MAX_TEXT + " characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        AgentId to = target.orElseThrow();
        if (existing(from).stewardship().suspended()) {
            throw ApiException.forbidden("agent " + from + " is suspended and may not ask");
        }
        if (existing(to).stewardship().suspended()) {
            // A suspended agent reaches and is reached by nobody; it looks like no agent.
            throw ApiException.notFound("no agent with id " + to);
        }
        Instant now = now();
        if (store.lists(to.value(), from.value(), now)
                && store.lists(from.value(), to.value(), now)) {
            throw ApiException.conflict(
                    "agents " + from + " and " + to + " already list each other");
        }
        var asked =
                switch (store.ask(
                        ids.get().toString(),
                        from.value(),
                        to.value(),
                        message,
                        now,
                        MAX_PENDING)) {
                    case ContactStore.Asked.Opened opened -> new Asked(opened.request(), true);
                    case ContactStore.Asked.AlreadyPending same -> new Asked(same.request(), false);
                    case ContactStore.Asked.TooManyPending many ->
                            throw ApiException.conflict(
                                    "agent "
                                            + from
                                            + " already waits on "
                                            + many.limit()
                                            + " contact requests; wait for answers first");
                };
        if (asked.created()) {
            events.requested(asked.request());
            audit.record(
                    AuditEvent.CONTACT_REQUESTED,
                    from.value(),
                    actorUserId,
                    AuditLog.details(
                            "request_id", asked.request().id(), "to_agent_id", to.value()));
        }
        return asked;
    }

    List<ContactRequest> requests(
            AgentId agent, Optional<String> direction, Optional<String> status) {
        var errors = new ArrayList<FieldError>();
        String side = direction.orElse("incoming");
        if (!side.equals("incoming") && !side.equals("outgoing")) {
            errors.add(new FieldError("direction", "must be incoming or outgoing"));
        }
        if (status.isPresent()
                && !List.of("pending", "approved", "rejected").contains(status.get())) {
            errors.add(new FieldError("status", "must be pending, approved or rejected"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return store.requests(agent.value(), side.equals("incoming"), status, LIST_LIMIT);
    }

    ContactRequest decide(
            AgentId to, String requestId, ContactDecision decision, String actorUserId) {
        var errors = new ArrayList<FieldError>();
        if (decision.status() == null
                || !List.of("approved", "rejected").contains(decision.status())) {
            errors.add(new FieldError("status", "must be approved or rejected"));
        }
        String reason = decision.reason() == null ? "" : decision.reason().strip();
        if (reason.length() > MAX_TEXT) {
            errors.add(new FieldError("reason", "must be at most " + MAX_TEXT + " characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        boolean approve = decision.status().equals("approved");
        var decided =
                switch (store.decide(to.value(), requestId, approve, reason, now())) {
                    case ContactStore.Decided.Done done -> done.request();
                    case ContactStore.Decided.Unknown unknown ->
                            throw ApiException.notFound(
                                    "agent " + to + " has no contact request " + requestId);
                    case ContactStore.Decided.AlreadyDecided already ->
                            throw ApiException.conflict(
                                    "contact request "
                                            + requestId
                                            + " was already "
                                            + already.request().status());
                };
        if (decided.status().equals("approved")) {
            AgentId.parse(decided.fromAgentId())
                    .ifPresent(
                            asker -> {
                                forget(asker, to);
                                forget(to, asker);
                            });
            events.approved(decided);
        }
        audit.record(
                AuditEvent.CONTACT_DECIDED,
                to.value(),
                actorUserId,
                AuditLog.details(
                        "request_id",
                        requestId,
                        "from_agent_id",
                        decided.fromAgentId(),
                        "status",
                        decided.status()));
        return decided;
    }

    /** A registered agent (not a pending card), or 404. */
    private ManagedAgent existing(AgentId id) {
        return agents.managedAgent(id)
                .filter(m -> !m.pending())
                .orElseThrow(() -> ApiException.notFound("no agent with id " + id));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
