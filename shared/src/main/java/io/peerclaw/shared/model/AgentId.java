package io.peerclaw.shared.model;

import io.peerclaw.shared.crypto.Ed25519;
import io.peerclaw.shared.crypto.Encoding;
import io.peerclaw.shared.crypto.Hashes;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An agent's id, derived from its public key identically on every node: the lowercase, unpadded RFC
 * 4648 base32 of the first 20 bytes of SHA-256 of the raw 32-byte key. That is 32 characters of
 * {@code [a-z2-7]}, which is also a valid ACP agent name.
 */
public record AgentId(String value) {
    private static final Pattern FORM = Pattern.compile("[a-z2-7]{32}");

    public AgentId {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("an agent id is 32 characters of [a-z2-7]");
        }
    }

    // NOTE: federation peers and agent SDKs compute this independently; never change it.
    public static AgentId of(Ed25519.PublicKey key) {
        byte[] digest = Hashes.sha256(key.raw());
        return new AgentId(Encoding.base32Lower(Arrays.copyOf(digest, 20)));
    }

    /** Empty when the text is not of the id's form. */
    public static Optional<AgentId> parse(String text) {
        return text != null && FORM.matcher(text).matches()
                ? Optional.of(new AgentId(text))
                : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
