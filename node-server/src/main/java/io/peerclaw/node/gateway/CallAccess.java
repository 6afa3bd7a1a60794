package io.peerclaw.node.gateway;

import io.peerclaw.node.identity.Caller;
import io.peerclaw.node.identity.KeyScope;
import io.peerclaw.node.registry.AgentReads;
import io.peerclaw.node.registry.ManagedAgent;
import io.peerclaw.shared.model.AgentId;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may reach which agent, the same through every front door.
 *
 * <ul>
 *   <li>Suspended, pending and deleted agents answer nobody.
 *   <li>A private agent answers its owner and users holding an approved access request.
 *   <li>A public agent answers any signed-in user (a key needs the {@code invoke} scope), agents
 *       (proven by signature or agent key), and anonymous callers when its owner enabled the
 *       playground.
 *   <li>An agent may call a private agent that lists it among its contacts, or that its own owner
 *       owns.
 * </ul>
 *
 * Viewing a card needs less: a public agent's card is public. A refusal says whether credentials
 * would help ({@link Refused.Unauthenticated}) or not ({@link Refused.Forbidden}); an agent the
 * caller may not know about is {@link Refused.UnknownAgent}.
 */
final class CallAccess {
    private final AgentReads registry;
    private final AccessGrants grants;
    private final AgentContacts contacts;

    CallAccess(AgentReads registry, AccessGrants grants, AgentContacts contacts) {
        this.registry = registry;
        this.grants = grants;
        this.contacts = contacts;
    }

    Admittance admit(Caller caller, String clientAddress, AgentId id, Gateway.Access access) {
        Optional<ManagedAgent> found = registry.managedAgent(id).filter(m -> !m.pending());
        if (found.isEmpty()) {
            return new Refused.UnknownAgent("no agent with id " + id);
        }
        ManagedAgent agent = found.get();
        var stewardship = agent.stewardship();
        boolean isPrivate = "private".equals(agent.card().visibility());
        String owner = stewardship.ownerUserId();
        boolean ownerOrGranted =
                caller instanceof Caller.User user
                        && (stewardship.ownedBy(user.userId())
                                || (isPrivate && grants.granted(id, user.userId())));
        boolean contactAgent =
                isPrivate
                        && caller instanceof Caller.Agent calling
                        && contacts.allows(calling.id(), id);
        if (isPrivate && !ownerOrGranted && !contactAgent && !caller.is(id)) {
            if (caller instanceof Caller.Anonymous) {
                return new Refused.Unauthenticated(
                        "agent " + id + " is private; sign in as its owner or an approved user");
            }
            return new Refused.Forbidden(
                    "agent "
                            + id
                            + " is private; ask its owner for access"
                            + " (POST /api/v1/agents/"
                            + id
                            + "/access-requests)");
        }
        if (stewardship.suspended()) {
            return new Refused.Forbidden("agent " + id + " is suspended and answers nobody");
        }
        if (access == Gateway.Access.CALL) {
            switch (caller) {
                case Caller.Anonymous _ when !stewardship.playgroundEnabled() -> {
                    return new Refused.Unauthenticated(
                            "agent "
                                    + id
                                    + " takes calls from signed-in users and agents only;"
                                    + " send Authorization: Bearer <token or key>");
                }
                case Caller.User user when !user.may(KeyScope.INVOKE) -> {
                    return noInvokeScope();
                }
                default -> {}
            }
        }
        return new Admittance.Admitted(
                new Admission(
                        target(id, agent),
                        caller,
                        Admission.callerKey(caller, clientAddress),
                        clientAddress));
    }

    private static Refused.Forbidden noInvokeScope() {
        return new Refused.Forbidden("this API key does not have the 'invoke' scope");
    }

    /** Whether an anonymous caller would be admitted to call the agent. */
    boolean openToAnonymous(AgentId id) {
        return registry.managedAgent(id)
                .filter(m -> !m.pending())
                .map(
                        m ->
                                !"private".equals(m.card().visibility())
                                        && !m.stewardship().suspended()
                                        && m.stewardship().playgroundEnabled())
                .orElse(false);
    }

    /**
     * One page of the agents the caller may call, by the same rules as {@link #admit}: anonymous
     * callers the public agents with the playground open; users their own agents (any visibility)
     * first, then public agents and private ones they hold a grant for; agents the agents of their
     * owner (and themselves) first, then public agents. A user's key without the {@code invoke}
     * scope reaches none.
     */
    CallableAgents callable(Caller caller, int offset, int limit) {
        if (caller instanceof Caller.User user && !user.may(KeyScope.INVOKE)) {
            return noInvokeScope();
        }
        AgentReads.Reach reach =
                switch (caller) {
                    case Caller.Anonymous _ -> new AgentReads.Reach(null, null, null, true);
                    case Caller.User user ->
                            new AgentReads.Reach(user.userId(), null, user.userId(), false);
                    case Caller.Agent agent ->
                            new AgentReads.Reach(
                                    registry.managedAgent(agent.id())
                                            .map(m -> m.stewardship().ownerUserId())
                                            .orElse(null),
                                    agent.id().value(),
                                    null,
                                    false);
                };
        return new CallableAgents.Page(
                registry.callablePage(reach, offset, limit).stream()
                        .map(m -> target(new AgentId(m.card().id()), m))
                        .toList());
    }

    /** The agent as the gateway calls it, without any access check (upkeep, cancellation). */
    Optional<AgentTarget> targetOf(AgentId id) {
        return registry.managedAgent(id).filter(m -> !m.pending()).map(m -> target(id, m));
    }

    /** The agent's native protocol and endpoint: the first protocol it declares that we bridge. */
    static AgentTarget target(AgentId id, ManagedAgent agent) {
        var card = agent.card();
        String protocol =
                Optional.ofNullable(card.protocols()).orElse(java.util.List.of()).stream()
                        .map(p -> p.toLowerCase(Locale.ROOT))
                        .filter(p -> p.equals("a2a") || p.equals("mcp") || p.equals("acp"))
                        .findFirst()
                        .orElse("a2a");
        String url = card.endpoint() == null ? null : card.endpoint().url();
        return new AgentTarget(id, protocol, url, card);
    }
}
