package io.peerclaw.node.identity;

import java.util.Locale;
import java.util.Optional;

/** What an account may do. {@code provider} only labels users who own agents. */
public enum UserRole {
    USER,
    PROVIDER,
    ADMIN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<UserRole> parse(String text) {
        for (var role : values()) {
            if (role.wire().equals(text)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
