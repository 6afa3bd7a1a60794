package io.peerclaw.node.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses durations written the way the original project's files write them ({@code 15m}, {@code
 * 168h}, {@code 1h30m}, {@code 250ms}, {@code 1.5s}), plus ISO-8601 ({@code PT15M}).
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    private Durations() {}

    /** Empty when the text is not a duration; a bare number is refused (its unit is unknown). */
    public static Optional<Duration> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String trimmed = text.strip();
        if (trimmed.startsWith("P") || trimmed.startsWith("p")) {
            try {
                return Optional.of(Duration.parse(trimmed));
            } catch (java.time.format.DateTimeParseException e) {
                return Optional.empty();
            }
        }
        if (trimmed.equals("0")) {
            return Optional.of(Duration.ZERO);
        }
        var matcher = PART.matcher(trimmed);
        int position = 0;
        BigDecimal nanos = BigDecimal.ZERO;
        while (position < trimmed.length()) {
            if (!matcher.find(position) || matcher.start() != position) {
                return Optional.empty();
            }
            nanos =
                    nanos.add(
                            new BigDecimal(matcher.group(1)).multiply(unitNanos(matcher.group(2))));
            position = matcher.end();
        }
        try {
            return Optional.of(Duration.ofNanos(nanos.longValueExact()));
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** The shortest Go-style spelling, e.g. {@code 1h30m} or {@code 250ms}. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.toNanosPart() % 1_000_000 == 0 && duration.toSeconds() == 0) {
            return duration.toMillis() + "ms";
        }
        var out = new StringBuilder();
        long hours = duration.toHours();
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (duration.toMinutesPart() > 0) {
            out.append(duration.toMinutesPart()).append('m');
        }
        if (duration.toSecondsPart() > 0 || duration.toMillisPart() > 0) {
            out.append(duration.toSecondsPart());
            if (duration.toMillisPart() > 0) {
                out.append('.')
                        .append(
                                String.format("%03d", duration.toMillisPart())
                                        .replaceAll("0+$", ""));
            }
            out.append('s');
        }
        return out.toString();
    }

    private static BigDecimal unitNanos(String unit) {
        return BigDecimal.valueOf(
                switch (unit) {
                    case "ns" -> 1L;
                    case "us", "µs" -> 1_000L;
                    case "ms" -> 1_000_000L;
                    case "s" -> 1_000_000_000L;
                    case "m" -> 60_000_000_000L;
                    case "h" -> 3_600_000_000_000L;
                    default -> throw new IllegalArgumentException("unit " + unit);
                });
    }
}
