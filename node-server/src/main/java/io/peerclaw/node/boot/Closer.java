package io.peerclaw.node.boot;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What the composition root has opened, closed in the reverse order: the same code stops a running
 * node and rolls back a start that failed part way. A failure to close one part is logged and the
 * others still close.
 */
final class Closer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Closer.class.getName());

    private record Part(String name, AutoCloseable part) {}

    private final Deque<Part> parts = new ArrayDeque<>();

    /** Registers a part to close before everything registered earlier; returns it. */
    <T extends AutoCloseable> T add(String name, T part) {
        parts.push(new Part(name, part));
        return part;
    }

    @Override
    public void close() {
        while (!parts.isEmpty()) {
            var next = parts.pop();
            try {
                next.part().close();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                LOG.log(System.Logger.Level.WARNING, "could not close " + next.name(), e);
            }
        }
    }
}
