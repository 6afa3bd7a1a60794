package io.peerclaw.node.identity;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What a user API key may be used for. A signed-in session may do all of it. */
public enum KeyScope {
    /** Read the user's own data and private listings. */
    READ,
    /** Call agents through the gateway. */
    INVOKE,
    /** Register, change and delete the user's agents. */
    MANAGE_AGENTS;

    public static final Set<KeyScope> ALL = EnumSet.allOf(KeyScope.class);

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<KeyScope> parse(String text) {
        for (var scope : values()) {
            if (scope.wire().equals(text)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }
}
