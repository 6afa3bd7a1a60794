package io.peerclaw.node.registry;

import io.peerclaw.node.http.ApiException;
import io.peerclaw.shared.crypto.Encoding;
import io.peerclaw.shared.model.AgentId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Opaque page tokens: the sort key of a page's last row, so the next page starts right after it
 * however many agents register meanwhile (keyset pagination, no offsets).
 */
final class PageTokens {
    private PageTokens() {}

    /** One page of rows and the token of the next ({@code ""} after the last). */
    record Cut(List<StoredAgent> rows, String next) {}

    /** Rows read one past a page of {@code size}, as that page and the token of the next. */
    static Cut cut(List<StoredAgent> fetched, int size) {
        boolean more = fetched.size() > size;
        var rows = more ? fetched.subList(0, size) : fetched;
        return new Cut(
                rows, more ? encode(rows.getLast().registeredAt(), rows.getLast().id()) : "");
    }

    static String encode(Instant registeredAt, String id) {
        return Encoding.base64Url(
                (registeredAt.toEpochMilli() + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }

    static Optional<AgentQuery.Cursor> decode(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        var bytes = Encoding.fromBase64Url(token);
        if (bytes.isPresent()) {
            String text = new String(bytes.get(), StandardCharsets.US_ASCII);
            int colon = text.indexOf(':');
            if (colon > 0) {
                try {
                    long millis = Long.parseLong(text.substring(0, colon));
                    var id = AgentId.parse(text.substring(colon + 1));
                    if (id.isPresent()) {
                        return Optional.of(
                                new AgentQuery.Cursor(
                                        Instant.ofEpochMilli(millis), id.get().value()));
                    }
                } catch (NumberFormatException e) {
                    // falls through to the error below
                }
            }
        }
        throw ApiException.invalid("page_token", "is not a token this node issued");
    }
}
