package io.peerclaw.shared.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Whether an agent is listed for everyone or kept to its owner. */
public enum Visibility {
    PUBLIC,
    PRIVATE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Visibility> parse(String text) {
        return Arrays.stream(values()).filter(v -> v.wireName().equals(text)).findFirst();
    }
}
