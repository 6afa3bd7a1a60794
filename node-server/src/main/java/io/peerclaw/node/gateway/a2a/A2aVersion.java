package io.peerclaw.node.gateway.a2a;

import java.util.Optional;

/**
 * The two generations of A2A's wire format the front door speaks. A request without {@code
 * A2A-Version} is 0.3 (spec §3.6.2); the method name, not the header, decides the shapes of the
 * answer, as the a2a-js compat server does.
 */
enum A2aVersion {
    V1_0("1.0"),
    V0_3("0.3");

    private final String wire;

    A2aVersion(String wire) {
        this.wire = wire;
    }

    String wire() {
        return wire;
    }

    /**
     * The version a client asked for: none or blank is 0.3; {@code 1.0} and {@code 0.3} (with or
     * without a patch number); empty for any other.
     */
    static Optional<A2aVersion> requested(String header) {
        if (header == null || header.isBlank()) {
            return Optional.of(V0_3);
        }
        String value = header.strip();
        for (A2aVersion version : values()) {
            if (value.equals(version.wire)
                    || value.matches(java.util.regex.Pattern.quote(version.wire) + "\\.\\d+")) {
                return Optional.of(version);
            }
        }
        return Optional.empty();
    }
}
