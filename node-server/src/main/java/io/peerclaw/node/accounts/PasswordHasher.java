package io.peerclaw.node.accounts;

import io.peerclaw.shared.crypto.Passwords;
import java.security.SecureRandom;
import java.util.concurrent.Semaphore;

/**
 * bcrypt for the accounts. bcrypt is meant to be slow: a bound on how many run at once keeps
 * sign-ins from starving the node.
 */
final class PasswordHasher {
    private final int cost;
    private final SecureRandom random;
    private final Semaphore hashing =
            new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()));

    /**
     * Checked against when the email is unknown, so that both answers take as long; made at the
     * first such check (it costs a millisecond, not a full bcrypt run at start-up).
     */
    private volatile String decoyHash;

    PasswordHasher(int cost, SecureRandom random) {
        this.cost = cost;
        this.random = random;
    }

    String hash(String password) {
        hashing.acquireUninterruptibly();
        try {
            return Passwords.hash(password, cost, random);
        } finally {
            hashing.release();
        }
    }

    /** Checks a password; against the decoy hash when there is no account, to take as long. */
    boolean verify(String password, String hash) {
        hashing.acquireUninterruptibly();
        try {
            boolean matches = Passwords.matches(password, hash != null ? hash : decoy());
            return hash != null && matches;
        } finally {
            hashing.release();
        }
    }

    private String decoy() {
        var decoy = decoyHash;
        if (decoy == null) {
            decoy = Passwords.decoy(cost, random);
            decoyHash = decoy; // two racing first checks each make one: harmless
        }
        return decoy;
    }
}
