package io.peerclaw.node.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/** Opaque page tokens of task listings: the last task's change time and id. */
final class TaskTokens {
    private TaskTokens() {}

    static String encode(GatewayStore.TaskCursor cursor) {
        String raw = "t:" + cursor.updatedAt().toEpochMilli() + ":" + cursor.id();
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Empty for no token.
     *
     * @throws IllegalArgumentException for a token this node did not make
     */
    static Optional<GatewayStore.TaskCursor> decode(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = raw.split(":", 3);
            if (parts.length != 3 || !parts[0].equals("t")) {
                throw new IllegalArgumentException(raw);
            }
            return Optional.of(
                    new GatewayStore.TaskCursor(
                            Instant.ofEpochMilli(Long.parseLong(parts[1])),
                            UUID.fromString(parts[2])));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a page token of this listing", e);
        }
    }
}
