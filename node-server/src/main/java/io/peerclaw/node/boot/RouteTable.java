package io.peerclaw.node.boot;

import io.helidon.webserver.http.HttpRouting;
import io.peerclaw.node.http.Mount;
import java.util.ArrayList;
import java.util.List;

/**
 * Every service the node serves, in the order the router tries them. Helidon answers a request with
 * the first route that matches it, so where two features' paths overlap ({@code POST /agents/claim}
 * and {@code /agents/{id}}) the order here decides, and {@code RouteTableIT} checks that no route
 * is hidden behind an earlier one of another feature.
 */
record RouteTable(List<Entry> entries) {
    /** A feature's mount, with the feature's name for error messages and the tests. */
    record Entry(String feature, Mount mount) {}

    RouteTable {
        entries = List.copyOf(entries);
    }

    static Builder builder() {
        return new Builder();
    }

    void applyTo(HttpRouting.Builder routing) {
        for (var entry : entries) {
            routing.register(entry.mount().prefix(), entry.mount().service());
        }
    }

    static final class Builder {
        private final List<Entry> entries = new ArrayList<>();

        /** Adds a feature's mounts after everything added so far. */
        Builder then(String feature, List<Mount> mounts) {
            mounts.forEach(mount -> entries.add(new Entry(feature, mount)));
            return this;
        }

        /** Adds them only when the feature is switched on. */
        Builder thenIf(
                boolean enabled, String feature, java.util.function.Supplier<List<Mount>> mounts) {
            return enabled ? then(feature, mounts.get()) : this;
        }

        RouteTable build() {
            return new RouteTable(entries);
        }
    }
}
