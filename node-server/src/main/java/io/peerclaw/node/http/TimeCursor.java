package io.peerclaw.node.http;

import io.peerclaw.shared.crypto.Encoding;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * A keyset position in a list ordered by a time and then an id, newest first, and its opaque {@code
 * page_token} form.
 */
public record TimeCursor(Instant at, String id) {

    public String token() {
        return Encoding.base64Url((at.toEpochMilli() + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The position a token names; empty for no token.
     *
     * @throws ApiException 400 naming {@code page_token} when it is not one this node gave out
     */
    public static Optional<TimeCursor> parse(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        var text = Encoding.fromBase64Url(token).map(b -> new String(b, StandardCharsets.UTF_8));
        if (text.isPresent()) {
            int colon = text.get().indexOf(':');
            if (colon > 0 && colon < text.get().length() - 1) {
                try {
                    return Optional.of(
                            new TimeCursor(
                                    Instant.ofEpochMilli(
                                            Long.parseLong(text.get().substring(0, colon))),
                                    text.get().substring(colon + 1)));
                } catch (NumberFormatException e) {
                    // reported below
                }
            }
        }
        throw ApiException.invalid("page_token", "is not a token this node gave out");
    }
}
