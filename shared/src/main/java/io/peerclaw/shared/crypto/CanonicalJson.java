package io.peerclaw.shared.crypto;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS) over plain values: {@code Map} (string keys), {@code
 * List}, {@code String}, {@code Number}, {@code Boolean} and {@code null}, as {@code
 * Json.read(bytes, Object.class)} or {@code Json.convert(value, Object.class)} produce them.
 *
 * <p>Throws {@link IllegalArgumentException} for what JCS cannot represent: NaN and infinite
 * numbers, strings with an unpaired surrogate, keys that are not strings, other value types.
 */
public final class CanonicalJson {
    /*
     * Implementation note. Three rules make JCS:
     *
     * - Members are sorted by their names as arrays of UTF-16 code units: exactly what
     *   String.compareTo does (and JavaScript's default sort), not by code point.
     * - Strings are written as ECMAScript's JSON.stringify writes them: only " and \ and the
     *   control characters below U+0020 are escaped (\b \f \n \r \t by name, the others as
     *   backslash, u, 00 and two lowercase hex digits); '/' and everything above U+001F are
     *   written as they are.
     * - Every number is an IEEE 754 double written as ECMAScript's Number.prototype.toString
     *   writes it: the shortest digit string that reads back as the same double (closest to the
     *   exact value, then even, when several qualify), plain between 1e-7 and 1e21, otherwise
     *   d.ddde±x. Since JDK 19 Double.toString yields that shortest digit string too, with one
     *   difference: where a single digit suffices it may prefer two digits closer to the value
     *   (4.9E-324 where ECMAScript writes 5e-324), so two-digit results are checked against
     *   their one-digit neighbours. Integers of any Java type go through double as well, so a
     *   long above 2^53 is rounded exactly as a JavaScript reader would round it.
     */

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CanonicalJson() {}

    /** The canonical form as text. */
    public static String text(Object value) {
        var out = new StringBuilder(256);
        write(out, value);
        return out.toString();
    }

    /** The canonical form as UTF-8: the bytes that are hashed or signed. */
    public static byte[] bytes(Object value) {
        return text(value).getBytes(StandardCharsets.UTF_8);
    }

    private static void write(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case Boolean b -> out.append(b ? "true" : "false");
            case String s -> string(out, s);
            case Number n -> out.append(number(n.doubleValue()));
            case Map<?, ?> map -> object(out, map);
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(out, list.get(i));
                }
                out.append(']');
            }
            default ->
                    throw new IllegalArgumentException(
                            "not a JSON value: " + value.getClass().getName());
        }
    }

    private static void object(StringBuilder out, Map<?, ?> map) {
        var names = new ArrayList<String>(map.size());
        for (Object key : map.keySet()) {
            if (!(key instanceof String name)) {
                throw new IllegalArgumentException("a JSON member name must be a string: " + key);
            }
            names.add(name);
        }
        names.sort(null); // String.compareTo: UTF-16 code units, as RFC 8785 §3.2.3 asks
        out.append('{');
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            string(out, names.get(i));
            out.append(':');
            write(out, map.get(names.get(i)));
        }
        out.append('}');
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else if (Character.isHighSurrogate(c)
                            && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        throw new IllegalArgumentException(
                                "a string holds an unpaired surrogate at index " + i);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** ECMAScript's Number.prototype.toString for a finite double (ECMA-262 §6.1.6.1.20). */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("JSON has no " + value);
        }
        if (value == 0) {
            return "0"; // and -0 as well
        }
        if (value < 0) {
            return "-" + number(-value);
        }
        var shortest = Shortest.of(value);
        String digits = shortest.digits();
        int k = digits.length();
        int n = shortest.pointPosition();
        var out = new StringBuilder(32);
        if (k <= n && n <= 21) {
            out.append(digits).repeat('0', n - k);
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").repeat('0', -n).append(digits);
        } else {
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            out.append('e').append(n - 1 >= 0 ? "+" : "-").append(Math.abs(n - 1));
        }
        return out.toString();
    }

    /**
     * The shortest decimal digits of a positive double and where the decimal point goes: the value
     * is {@code 0.digits × 10^pointPosition}.
     */
    record Shortest(String digits, int pointPosition) {
        static Shortest of(double value) {
            var fromJdk = parse(Double.toString(value));
            if (fromJdk.digits().length() != 2) {
                return fromJdk;
            }
            // Is one digit enough? Try the one-digit decimals on either side of the value.
            int exponent = fromJdk.pointPosition() - 1; // of the leading digit
            int lead = fromJdk.digits().charAt(0) - '0';
            Shortest best = null;
            BigDecimal exact = new BigDecimal(value);
            BigDecimal bestDistance = null;
            for (int candidate : List.of(lead, lead + 1)) {
                BigDecimal decimal = BigDecimal.valueOf(candidate).scaleByPowerOfTen(exponent);
                if (decimal.doubleValue() != value) {
                    continue;
                }
                var digit =
                        candidate == 10
                                ? new Shortest("1", exponent + 2)
                                : new Shortest(Integer.toString(candidate), exponent + 1);
                BigDecimal distance = decimal.subtract(exact).abs();
                int compared = bestDistance == null ? -1 : distance.compareTo(bestDistance);
                boolean even = (digit.digits().charAt(0) - '0') % 2 == 0;
                if (compared < 0 || (compared == 0 && even)) {
                    best = digit;
                    bestDistance = distance;
                }
            }
            return best != null ? best : fromJdk;
        }

        /** Reads Double.toString's output ("123.45", "1.0E-5", "4.9E-324"). */
        private static Shortest parse(String text) {
            int e = text.indexOf('E');
            String mantissa = e < 0 ? text : text.substring(0, e);
            int exponent = e < 0 ? 0 : Integer.parseInt(text.substring(e + 1));
            int point = mantissa.indexOf('.');
            String all = mantissa.substring(0, point) + mantissa.substring(point + 1);
            int position = point + exponent;
            int start = 0;
            while (start < all.length() - 1 && all.charAt(start) == '0') {
                start++;
                position--;
            }
            int end = all.length();
            while (end > start + 1 && all.charAt(end - 1) == '0') {
                end--;
            }
            return new Shortest(all.substring(start, end), position);
        }
    }
}
