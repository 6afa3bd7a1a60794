package io.peerclaw.node.config;

/** A configured secret; its text never appears in {@code toString()} and so never in a log. */
public record Secret(String value) {
    public Secret {
        value = value == null ? "" : value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return isEmpty() ? "(unset)" : "(secret)";
    }
}
