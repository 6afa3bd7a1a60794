package io.peerclaw.node.admin;

import io.peerclaw.node.accounts.UserAdministration;
import io.peerclaw.node.registry.AgentReads;
import io.peerclaw.node.reviews.Reviews;
import io.peerclaw.shared.model.AgentId;
import io.peerclaw.shared.protocol.api.Accounts.User;
import io.peerclaw.shared.protocol.api.Reviews.Report;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * People and agents by name for the admin's lists: an id alone tells an admin nothing. A name is
 * absent (null) when its account or agent no longer exists; the id stays beside it either way.
 */
final class Names {
    private final UserAdministration accounts;
    private final AgentReads agents;
    private final Reviews reviews;

    Names(UserAdministration accounts, AgentReads agents, Reviews reviews) {
        this.accounts = accounts;
        this.agents = agents;
        this.reviews = reviews;
    }

    /** Lookups for one answer: a page names the same few people and agents many times over. */
    Lookup lookup() {
        return new Lookup();
    }

    final class Lookup {
        private final Map<String, Optional<String>> emails = new HashMap<>();
        private final Map<String, Optional<String>> agentNames = new HashMap<>();

        private Lookup() {}

        String email(String userId) {
            if (userId == null || userId.isBlank()) {
                return null;
            }
            return emails.computeIfAbsent(userId, id -> accounts.user(id).map(User::email))
                    .orElse(null);
        }

        String agentName(String agentId) {
            if (agentId == null || agentId.isBlank()) {
                return null;
            }
            return agentNames
                    .computeIfAbsent(
                            agentId,
                            id -> {
                                try {
                                    return agents.managedAgent(new AgentId(id))
                                            .map(a -> a.card().name());
                                } catch (IllegalArgumentException notAnAgentId) {
                                    return Optional.empty();
                                }
                            })
                    .orElse(null);
        }

        /** The report with what it is about named: the agent, or the agent a review is of. */
        Report named(Report report) {
            String name =
                    switch (report.targetType()) {
                        case "agent" -> agentName(report.targetId());
                        case "review" ->
                                reviews.reviewedAgentId(report.targetId())
                                        .map(this::agentName)
                                        .map(agent -> "review of " + agent)
                                        .orElse(null);
                        default -> null;
                    };
            return name == null ? report : report.named(name);
        }
    }
}
