package io.peerclaw.node.directory;

import io.peerclaw.node.http.ApiException;
import io.peerclaw.shared.crypto.Encoding;
import io.peerclaw.shared.model.AgentId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Opaque page tokens of the directory: the sort's mark, the last row's id and its sort key. The
 * next page starts right after that row (keyset pagination), so rows registering meanwhile never
 * shift a page. A token only fits the sort that issued it.
 */
final class PageTokens {
    private PageTokens() {}

    static String encode(DirectorySort sort, ListingQuery.Cursor cursor) {
        String key =
                switch (cursor.key()) {
                    case Instant instant -> instant.toString();
                    case Object other -> other.toString();
                };
        return Encoding.base64Url(
                (sort.mark + ":" + cursor.id() + ":" + key).getBytes(StandardCharsets.UTF_8));
    }

    static Optional<ListingQuery.Cursor> decode(DirectorySort sort, String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        var bytes = Encoding.fromBase64Url(token);
        if (bytes.isPresent()) {
            String text = new String(bytes.get(), StandardCharsets.UTF_8);
            String[] parts = text.split(":", 3);
            if (parts.length == 3 && parts[0].equals(sort.mark)) {
                var id = AgentId.parse(parts[1]);
                Object key = key(sort, parts[2]);
                if (id.isPresent() && key != null) {
                    return Optional.of(new ListingQuery.Cursor(key, id.get().value()));
                }
            }
        }
        throw ApiException.invalid(
                "page_token", "is not a token this node issued for sort=" + sort.wireName());
    }

    private static Object key(DirectorySort sort, String text) {
        try {
            return switch (sort) {
                case REPUTATION -> {
                    double score = Double.parseDouble(text);
                    yield Double.isFinite(score) ? score : null;
                }
                case NAME -> text;
                case REGISTERED_AT -> Instant.parse(text);
                case POPULAR -> Long.parseLong(text);
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
    }

    static String encodeReview(DirectoryStore.ReviewCursor cursor) {
        return Encoding.base64Url(
                ("v:" + cursor.id() + ":" + cursor.createdAt()).getBytes(StandardCharsets.UTF_8));
    }

    static Optional<DirectoryStore.ReviewCursor> decodeReview(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        var bytes = Encoding.fromBase64Url(token);
        if (bytes.isPresent()) {
            String[] parts = new String(bytes.get(), StandardCharsets.UTF_8).split(":", 3);
            if (parts.length == 3 && parts[0].equals("v") && !parts[1].isEmpty()) {
                try {
                    return Optional.of(
                            new DirectoryStore.ReviewCursor(Instant.parse(parts[2]), parts[1]));
                } catch (DateTimeParseException e) {
                    // falls through to the error below
                }
            }
        }
        throw ApiException.invalid("page_token", "is not a token this node issued for reviews");
    }
}
