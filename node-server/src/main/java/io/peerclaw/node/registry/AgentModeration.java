package io.peerclaw.node.registry;

import io.peerclaw.node.audit.AuditEvent;
import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.shared.model.AgentId;
import io.peerclaw.shared.model.AgentStatus;
import io.peerclaw.shared.model.Protocol;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * The node's trust in agents and its moderation of them: the admin list and counts, suspension,
 * removal, and the verified flag (set by an admin or by the endpoint challenge).
 */
public final class AgentModeration {
    private final ModerationStore store;
    private final Registrations registrations;
    private final Heartbeats heartbeats;
    private final AgentChanges changes;
    private final AuditLog audit;
    private final InstantSource clock;

    /** Node-wide agent counts. */
    public record NodeSummary(long agents, long up, long verified, long suspended, long hidden) {}

    AgentModeration(
            ModerationStore store,
            Registrations registrations,
            Heartbeats heartbeats,
            AgentChanges changes,
            AuditLog audit,
            InstantSource clock) {
        this.store = store;
        this.registrations = registrations;
        this.heartbeats = heartbeats;
        this.changes = changes;
        this.audit = audit;
        this.clock = clock;
    }

    /** Every agent, private and suspended ones too, newest first: the admin list. */
    public ManagedAgent.Page adminPage(
            Optional<String> search,
            Optional<String> protocol,
            Optional<String> status,
            Optional<Boolean> suspended,
            String pageToken,
            int size) {
        protocol.filter(p -> Protocol.parse(p).isEmpty())
                .ifPresent(
                        p -> {
                            throw ApiException.invalid("protocol", "must be one of a2a, mcp, acp");
                        });
        status.filter(v -> AgentStatus.parse(v).isEmpty())
                .ifPresent(
                        v -> {
                            throw ApiException.invalid(
                                    "status", "must be one of online, busy, degraded, offline");
                        });
        var fetched =
                store.adminPage(
                        search,
                        protocol,
                        status,
                        suspended,
                        PageTokens.decode(pageToken),
                        size + 1);
        var cut = PageTokens.cut(fetched, size);
        return new ManagedAgent.Page(
                cut.rows().stream().map(heartbeats::latest).map(ManagedAgent::of).toList(),
                cut.next());
    }

    public NodeSummary nodeSummary() {
        var c = store.nodeCounts();
        return new NodeSummary(c.agents(), c.up(), c.verified(), c.suspended(), c.hidden());
    }

    /** Suspends ({@code reason} set) or reinstates ({@code reason} null) an agent. */
    public void setSuspended(AgentId id, String reason, String admin) {
        boolean suspend = reason != null;
        if (!store.setSuspended(id.value(), suspend ? now() : null, reason)) {
            throw ApiException.notFound("no agent with id " + id);
        }
        audit.record(
                suspend ? AuditEvent.AGENT_SUSPENDED : AuditEvent.AGENT_REINSTATED,
                id.value(),
                admin,
                AuditLog.details("reason", reason));
        changes.announce(
                id,
                suspend ? AgentChangeListener.Change.HIDDEN : AgentChangeListener.Change.UPDATED);
    }

    public void setVerified(AgentId id, boolean verified, String admin) {
        if (!store.setVerified(id.value(), verified, now())) {
            throw ApiException.notFound("no agent with id " + id);
        }
        audit.record(
                verified ? AuditEvent.AGENT_VERIFIED : AuditEvent.AGENT_UNVERIFIED,
                id.value(),
                admin,
                Map.of());
        changes.announce(id, AgentChangeListener.Change.UPDATED);
    }

    /**
     * Records that the agent's endpoint just answered the node's challenge with the registered key.
     * Returns false when the agent is gone.
     */
    public boolean markEndpointVerified(AgentId id) {
        if (!store.setVerified(id.value(), true, now())) {
            return false;
        }
        audit.record(AuditEvent.AGENT_VERIFIED, id.value(), null, Map.of("by", "challenge"));
        changes.announce(id, AgentChangeListener.Change.UPDATED);
        return true;
    }

    /** Clears {@code verified} after failed re-checks of the endpoint. */
    public void clearEndpointVerification(AgentId id, String reason) {
        if (store.setVerified(id.value(), false, now())) {
            audit.record(AuditEvent.AGENT_UNVERIFIED, id.value(), null, Map.of("reason", reason));
            changes.announce(id, AgentChangeListener.Change.UPDATED);
        }
    }

    /** Removes any agent, as an admin. */
    public void deleteAsAdmin(AgentId id, String admin) {
        registrations.deregister(id, admin);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
