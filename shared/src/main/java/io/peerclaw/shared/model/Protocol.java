package io.peerclaw.shared.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The agent protocols the node speaks and bridges. */
public enum Protocol {
    A2A,
    MCP,
    ACP;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Protocol> parse(String text) {
        return Arrays.stream(values()).filter(p -> p.wireName().equals(text)).findFirst();
    }
}
