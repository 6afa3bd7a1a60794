package io.peerclaw.node.gateway;

import io.peerclaw.shared.model.AgentId;

/** Whether one agent may reach another: the contacts rule (same owner, or listed by the target). */
@FunctionalInterface
public interface AgentContacts {
    boolean allows(AgentId from, AgentId to);
}
