package io.peerclaw.node.reputation;

import java.util.Optional;

/** The reputation events, by upstream's names so that histories compare. */
public enum EventType {
    REGISTRATION("registration"),
    HEARTBEAT_SUCCESS("heartbeat_success"),
    HEARTBEAT_MISS("heartbeat_miss"),
    VERIFICATION_PASS("verification_pass"),
    VERIFICATION_FAIL("verification_fail"),
    BRIDGE_SUCCESS("bridge_success"),
    BRIDGE_ERROR("bridge_error"),
    BRIDGE_TIMEOUT("bridge_timeout"),
    REVIEW_POSITIVE("review_positive"),
    REVIEW_NEUTRAL("review_neutral"),
    REVIEW_NEGATIVE("review_negative");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<EventType> parse(String name) {
        for (var type : values()) {
            if (type.wireName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The review event for a rating of 1 to 5. */
    static EventType forRating(int rating) {
        return rating >= 4 ? REVIEW_POSITIVE : rating <= 2 ? REVIEW_NEGATIVE : REVIEW_NEUTRAL;
    }
}
