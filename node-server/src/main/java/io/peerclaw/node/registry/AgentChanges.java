package io.peerclaw.node.registry;

import io.peerclaw.shared.model.AgentId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Tells the registry's listeners what changed: registration changes once committed, and what the
 * registry observes of liveness. A failing listener is logged and skipped, never the change's
 * undoing.
 */
final class AgentChanges {
    private static final System.Logger LOG = System.getLogger(AgentChanges.class.getName());

    private final List<AgentChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final List<LivenessListener> livenessListeners = new CopyOnWriteArrayList<>();

    void addChangeListener(AgentChangeListener listener) {
        listeners.add(listener);
    }

    void addLivenessListener(LivenessListener listener) {
        livenessListeners.add(listener);
    }

    void announce(AgentId id, AgentChangeListener.Change change) {
        for (AgentChangeListener listener : listeners) {
            try {
                listener.agentChanged(id, change);
            } catch (RuntimeException e) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "change listener failed for agent " + id + ": " + e.getMessage(),
                        e);
            }
        }
    }

    void tellLiveness(Consumer<LivenessListener> call) {
        for (LivenessListener listener : livenessListeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "liveness listener failed: " + e);
            }
        }
    }
}
