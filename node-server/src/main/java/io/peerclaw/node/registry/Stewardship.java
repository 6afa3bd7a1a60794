package io.peerclaw.node.registry;

import java.time.Instant;

/**
 * What the node keeps about an agent beyond its card: the account that owns it, the settings only
 * that owner changes, the trust the node has in it, and moderation.
 *
 * @param ownerUserId the owning account, or null while nobody owns the agent
 * @param suspendedAt when an admin suspended it, or null
 */
public record Stewardship(
        String ownerUserId,
        boolean playgroundEnabled,
        boolean publicEndpoint,
        boolean verified,
        double reputationScore,
        Instant suspendedAt,
        String suspendedReason) {

    /** A newly registered agent: unowned, closed to anonymous callers, neutral reputation. */
    public static final Stewardship NEW =
            new Stewardship(null, false, false, false, 0.5, null, null);

    public boolean suspended() {
        return suspendedAt != null;
    }

    public boolean ownedBy(String userId) {
        return ownerUserId != null && ownerUserId.equals(userId);
    }

    Stewardship withOwner(String userId) {
        return new Stewardship(
                userId,
                playgroundEnabled,
                publicEndpoint,
                verified,
                reputationScore,
                suspendedAt,
                suspendedReason);
    }

    /** The same, without the verified flag: a new endpoint needs a new proof. */
    Stewardship unverified() {
        return new Stewardship(
                ownerUserId,
                playgroundEnabled,
                publicEndpoint,
                false,
                reputationScore,
                suspendedAt,
                suspendedReason);
    }
}
