package io.peerclaw.node.reviews;

import io.peerclaw.shared.model.AgentId;
import java.util.OptionalInt;

/**
 * Told, after the change is committed, what a user's rating of an agent now is: a new or changed
 * visible review gives its rating; a deleted or hidden one gives none.
 */
@FunctionalInterface
public interface RatingListener {
    void ratingChanged(AgentId agent, String userId, OptionalInt rating);
}
