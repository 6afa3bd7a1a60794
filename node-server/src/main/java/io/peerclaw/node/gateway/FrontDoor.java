package io.peerclaw.node.gateway;

import java.util.Locale;

/** The way a call came in. */
public enum FrontDoor {
    A2A,
    MCP,
    ACP,
    INVOKE,
    BRIDGE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
