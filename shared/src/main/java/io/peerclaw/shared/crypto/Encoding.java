package io.peerclaw.shared.crypto;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/** Hex, base64 and base32 encodings used on the wire. */
public final class Encoding {
    private static final HexFormat HEX = HexFormat.of();
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final char[] BASE58 =
            "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();

    private Encoding() {}

    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** Decodes hex (either case); empty when the text is not hex of an even length. */
    public static Optional<byte[]> fromHex(String text) {
        if (text == null || text.length() % 2 != 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(HEX.parseHex(text.toLowerCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Decodes standard base64 (padding optional); empty when the text is not base64. */
    public static Optional<byte[]> fromBase64(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Decodes base64url with or without padding; {@link #fromBase64UrlStrict} refuses padding. */
    public static Optional<byte[]> fromBase64Url(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getUrlDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** RFC 4648 base32, lowercase, without padding. */
    public static String base32Lower(byte[] bytes) {
        var out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }

    /**
     * Decodes base64url as JOSE writes it (RFC 7515 §2): the URL-safe alphabet, no padding, no
     * white space.
     */
    public static Optional<byte[]> fromBase64UrlStrict(String text) {
        if (text == null || text.length() % 4 == 1) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed =
                    (c >= 'A' && c <= 'Z')
                            || (c >= 'a' && c <= 'z')
                            || (c >= '0' && c <= '9')
                            || c == '-'
                            || c == '_';
            if (!allowed) {
                return Optional.empty();
            }
        }
        return fromBase64Url(text);
    }

    /** Bitcoin's base58 (the {@code z} multibase of did:key), leading zero bytes as '1'. */
    public static String base58btc(byte[] bytes) {
        var number = new java.math.BigInteger(1, bytes);
        var out = new StringBuilder();
        var radix = java.math.BigInteger.valueOf(58);
        while (number.signum() > 0) {
            var division = number.divideAndRemainder(radix);
            out.append(BASE58[division[1].intValue()]);
            number = division[0];
        }
        for (int i = 0; i < bytes.length && bytes[i] == 0; i++) {
            out.append('1');
        }
        return out.reverse().toString();
    }
}
