package io.peerclaw.desktop.mvvm;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the console words what the node sends as codes: event names, and times (relative while
 * recent, local date and time after that). One place, so every list reads the same.
 */
public final class Texts {
    private static final DateTimeFormatter LOCAL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter LOCAL_SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private Texts() {}

    /**
     * {@code account.created} or {@code agent_registered} as "Account created", "Agent registered".
     */
    public static String event(String type) {
        if (type == null || type.isBlank()) {
            return "";
        }
        String words = type.strip().replace('.', ' ').replace('_', ' ').replace('-', ' ');
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }

    /**
     * A time as it reads best: "just now", "3 min ago", "5 h ago", then the local date and time.
     */
    public static String time(Instant at) {
        return time(at, Instant.now());
    }

    /** {@link #time(Instant)} against {@code now}, for tests. */
    public static String time(Instant at, Instant now) {
        if (at == null) {
            return "–";
        }
        Duration ago = Duration.between(at, now);
        if (ago.isNegative() || ago.toHours() >= 24) {
            return LOCAL.format(at);
        }
        if (ago.toSeconds() < 60) {
            return "just now";
        }
        if (ago.toMinutes() < 60) {
            return ago.toMinutes() + " min ago";
        }
        return ago.toHours() + " h ago";
    }

    /** The local date and time to the second, for log lines and a time's tooltip. */
    public static String exact(Instant at) {
        return at == null ? "" : LOCAL_SECONDS.format(at);
    }

    /**
     * {@code text} (a URL or a path) with a zero-width space after each separator, so that a
     * wrapping label breaks it at "/", ".", "?", "&amp;", "=", "-", "_" or ":" instead of inside a
     * word.
     */
    public static String breakable(String text) {
        if (text == null) {
            return "";
        }
        var out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c);
            if ("/\\.?&=-_:".indexOf(c) >= 0 && i + 1 < text.length()) {
                out.append(ZERO_WIDTH_SPACE);
            }
        }
        return out.toString();
    }

    /** The break opportunity {@link #breakable} inserts; remove it to get the text back. */
    public static final char ZERO_WIDTH_SPACE = '\u200B';

    /** A name with its id, or the id alone when there is no name. */
    public static String named(String name, String id) {
        return name == null || name.isBlank() ? id : name;
    }
}
