package io.peerclaw.node.reputation;

/**
 * The arithmetic of a score, free of storage and time sources so that its properties can be checked
 * directly. Every update is affine ({@code new = slope * old + offset}); the engine keeps the
 * running sum of {@code ln(slope)} so that the remaining influence of any past event can be
 * computed, and undone, exactly.
 */
final class ScoreMath {
    static final double NEUTRAL = 0.5;

    private ScoreMath() {}

    /** A new score and the slope of the update that produced it. */
    record Step(double score, double slope) {
        double logSlope() {
            return Math.log(slope);
        }
    }

    /**
     * Moves {@code old} toward {@code target} by {@code alpha * |weight|} of the distance. With
     * {@code liftOnly} the move happens only upward (an uptime sample lifts a score toward its
     * ceiling, and never pulls down an agent that earned more than being online).
     */
    static Step toward(double old, double target, double weight, double alpha, boolean liftOnly) {
        double rate = Math.min(1, alpha * Math.abs(weight));
        if (liftOnly && old >= target) {
            return new Step(old, 1);
        }
        double score = old + rate * (target - old);
        return new Step(clamp(score), 1 - rate);
    }

    /** Idle drift: halfway back to 0.5 after each half-life. */
    static Step decay(double old, long elapsedMillis, long halfLifeMillis) {
        if (elapsedMillis <= 0) {
            return new Step(old, 1);
        }
        double factor = Math.pow(0.5, (double) elapsedMillis / halfLifeMillis);
        return new Step(clamp(NEUTRAL + (old - NEUTRAL) * factor), factor);
    }

    /**
     * Today's score without a past event: its own move, scaled by the slopes of every update since,
     * is taken out.
     *
     * @param delta how far the event moved the score when it was applied
     * @param logSlopeThen the agent's running log-slope sum just after that event
     * @param logSlopeNow the running sum now
     */
    static double without(double score, double delta, double logSlopeThen, double logSlopeNow) {
        return clamp(score - delta * Math.exp(logSlopeNow - logSlopeThen));
    }

    /** A review's target: 1 star is 0, 5 stars is 1. */
    static double reviewTarget(int rating) {
        return (rating - 1) / 4.0;
    }

    static double clamp(double score) {
        return Math.clamp(score, 0, 1);
    }
}
