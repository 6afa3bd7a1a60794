package io.peerclaw.node.gateway;

import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.identity.Caller;
import io.peerclaw.node.identity.KeyScope;
import io.peerclaw.node.registry.AgentReads;
import io.peerclaw.node.registry.ManagedAgent;
import io.peerclaw.shared.model.AgentId;
import java.util.List;
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
 *   <li>Agents may also call private agents of their own owner.
 * </ul>
 *
 * Viewing a card needs less: a public agent's card is public. Refusals are 401 when credentials
 * would help and 403 when they would not; an agent the caller may not know about is 404.
 */
final class CallAccess {
    private final AgentReads registry;
    private final AccessGrants grants;

    CallAccess(AgentReads registry, AccessGrants grants) {
        this.registry = registry;
        this.grants = grants;
    }

    /** The agent as the gateway calls it, or 404. */
    ManagedAgent find(AgentId id) {
        return registry.managedAgent(id)
                .filter(m -> !m.pending())
                .orElseThrow(() -> ApiException.notFound("no agent with id " + id));
    }

    Admission admit(Caller caller, String clientAddress, AgentId id, Gateway.Access access) {
        ManagedAgent agent = find(id);
        var stewardship = agent.stewardship();
        boolean isPrivate = "private".equals(agent.card().visibility());
        String owner = stewardship.ownerUserId();
        boolean ownerOrGranted =
                caller instanceof Caller.User user
                        && (stewardship.ownedBy(user.userId())
                                || (isPrivate && grants.granted(id, user.userId())));
        boolean sameOwnerAgent =
                caller instanceof Caller.Agent calling
                        && owner != null
                        && registry.managedAgent(calling.id())
                                .map(m -> m.stewardship().ownedBy(owner))
                                .orElse(false);
        if (isPrivate && !ownerOrGranted && !sameOwnerAgent && !caller.is(id)) {
            if (caller instanceof Caller.Anonymous) {
                throw ApiException.unauthenticated(
                        "agent " + id + " is private; sign in as its owner or an approved user");
            }
            throw ApiException.forbidden(
                    "agent "
                            + id
                            + " is private; ask its owner for access"
                            + " (POST /api/v1/agents/"
                            + id
                            + "/access-requests)");
        }
        if (stewardship.suspended()) {
            throw ApiException.forbidden("agent " + id + " is suspended and answers nobody");
        }
        if (access == Gateway.Access.CALL) {
            switch (caller) {
                case Caller.Anonymous _ when !stewardship.playgroundEnabled() ->
                        throw ApiException.unauthenticated(
                                "agent "
                                        + id
                                        + " takes calls from signed-in users and agents only;"
                                        + " send Authorization: Bearer <token or key>");
                case Caller.User user when !user.may(KeyScope.INVOKE) ->
                        throw ApiException.forbidden(
                                "this API key does not have the 'invoke' scope");
                default -> {}
            }
        }
        return new Admission(
                target(id, agent),
                caller,
                Admission.callerKey(caller, clientAddress),
                clientAddress);
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
     * owner (and themselves) first, then public agents.
     *
     * @throws ApiException 403 for a user's key without the {@code invoke} scope
     */
    List<AgentTarget> callable(Caller caller, int offset, int limit) {
        AgentReads.Reach reach =
                switch (caller) {
                    case Caller.Anonymous _ -> new AgentReads.Reach(null, null, null, true);
                    case Caller.User user -> {
                        if (!user.may(KeyScope.INVOKE)) {
                            throw ApiException.forbidden(
                                    "this API key does not have the 'invoke' scope");
                        }
                        yield new AgentReads.Reach(user.userId(), null, user.userId(), false);
                    }
                    case Caller.Agent agent ->
                            new AgentReads.Reach(
                                    registry.managedAgent(agent.id())
                                            .map(m -> m.stewardship().ownerUserId())
                                            .orElse(null),
                                    agent.id().value(),
                                    null,
                                    false);
                };
        return registry.callablePage(reach, offset, limit).stream()
                .map(m -> target(new AgentId(m.card().id()), m))
                .toList();
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
