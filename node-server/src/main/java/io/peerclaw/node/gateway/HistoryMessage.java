package io.peerclaw.node.gateway;

import java.util.List;
import java.util.Objects;

/**
 * A message of a task's conversation, as A2A's history and ACP's input and output keep them.
 *
 * @param fromAgent true for the agent's words, false for the caller's
 * @param messageId the sender's id for the message (A2A {@code messageId}), never null
 */
public record HistoryMessage(boolean fromAgent, String messageId, List<Part> parts) {
    public HistoryMessage {
        Objects.requireNonNull(messageId, "messageId");
        parts = List.copyOf(parts);
    }
}
