package io.peerclaw.node.directory;

import io.peerclaw.node.http.ApiException;
import java.util.Arrays;
import java.util.Locale;

/** The orders of a directory listing; each ends with the agent id so that it is total. */
public enum DirectorySort {
    /** Highest reputation first, then id A→Z. The default. */
    REPUTATION("r"),
    /** Name A→Z (as the database compares text), then id A→Z. */
    NAME("n"),
    /** Newest registration first, then id Z→A. */
    REGISTERED_AT("t"),
    /** Most calls in the last seven days first, then id A→Z. */
    POPULAR("p");

    /** The sort's mark inside a page token, so a token cannot be used with another order. */
    final String mark;

    DirectorySort(String mark) {
        this.mark = mark;
    }

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static DirectorySort parse(String text) {
        return Arrays.stream(values())
                .filter(s -> s.wireName().equals(text))
                .findFirst()
                .orElseThrow(
                        () ->
                                ApiException.invalid(
                                        "sort",
                                        "must be one of reputation, name, registered_at, popular"));
    }
}
