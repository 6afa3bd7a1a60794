package io.peerclaw.shared.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * bcrypt password hashes ({@code $2b$} form). bcrypt reads at most 72 bytes, so longer passwords
 * are refused by callers rather than silently cut.
 */
public final class Passwords {
    public static final int MIN_BYTES = 10;
    public static final int MAX_BYTES = 72;

    private Passwords() {}

    /** A new hash with a random salt and {@code cost} (4 to 31) rounds as a power of two. */
    public static String hash(String password, int cost, SecureRandom random) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return OpenBSDBCrypt.generate("2b", password.toCharArray(), salt, cost);
    }

    /**
     * A hash that no password matches and that takes as long to check as one made with {@code
     * cost}, for checks against an unknown account. Made in about a millisecond: a hash of cost 4
     * relabelled with {@code cost}, whose check then runs all {@code 2^cost} rounds and compares
     * unequal.
     */
    public static String decoy(int cost, SecureRandom random) {
        if (cost < 4 || cost > 31) {
            throw new IllegalArgumentException("bcrypt cost must be 4 to 31, was " + cost);
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String cheap = hash(java.util.HexFormat.of().formatHex(secret), 4, random);
        return cheap.substring(0, 4)
                + String.format(java.util.Locale.ROOT, "%02d", cost)
                + cheap.substring(6);
    }

    /** Whether {@code password} matches {@code hash}; false for a malformed hash. */
    public static boolean matches(String password, String hash) {
        try {
            return OpenBSDBCrypt.checkPassword(hash, password.toCharArray());
        } catch (IllegalArgumentException | org.bouncycastle.crypto.DataLengthException e) {
            return false;
        }
    }

    /** The cost a hash was made with, or -1 when it is not a bcrypt hash. */
    public static int costOf(String hash) {
        if (hash.length() != 60 || hash.charAt(0) != '$' || hash.charAt(3) != '$') {
            return -1;
        }
        try {
            return Integer.parseInt(hash.substring(4, 6));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The length bcrypt sees: UTF-8 bytes. */
    public static int byteLength(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length;
    }
}
