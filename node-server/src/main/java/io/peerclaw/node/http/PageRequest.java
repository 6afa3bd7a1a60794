package io.peerclaw.node.http;

import io.helidon.common.parameters.Parameters;

/**
 * {@code page_size} (default 50, at most 100; {@code limit} is accepted as its older name) and the
 * opaque {@code page_token} of a list request.
 */
public record PageRequest(int size, String token) {
    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 100;

    public static PageRequest from(Parameters query) {
        String sizeText =
                query.first("page_size").orElseGet(() -> query.first("limit").orElse(null));
        int size = DEFAULT_SIZE;
        if (sizeText != null) {
            String field = query.contains("page_size") ? "page_size" : "limit";
            try {
                size = Integer.parseInt(sizeText);
            } catch (NumberFormatException e) {
                throw ApiException.invalid(field, "must be a whole number");
            }
            if (size < 1) {
                throw ApiException.invalid(field, "must be at least 1");
            }
            size = Math.min(size, MAX_SIZE);
        }
        return new PageRequest(size, query.first("page_token").orElse(""));
    }
}
