package io.peerclaw.node.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The properties the issue promises, checked on the arithmetic with the default constants. */
class ScoreMathTest {
    private static final double ALPHA = 0.1;
    private static final long HALF_LIFE = Duration.ofDays(30).toMillis();

    @Test
    void aVerifiedAgentBecomesTrustedAfterAboutThirtySuccessfulCalls() {
        double score = ScoreMath.toward(0.5, 0.6, 0.2, ALPHA, false).score(); // registration
        score = ScoreMath.toward(score, 1.0, 1.0, ALPHA, false).score(); // verification_pass
        int calls = 0;
        while (score < 0.8) {
            score = ScoreMath.toward(score, 1.0, 0.3, ALPHA, false).score(); // bridge_success
            calls++;
        }
        assertThat(calls).isBetween(20, 32);
    }

    @Test
    void uptimeAloneNeverLiftsAScoreAboveItsCeilingNorPullsAGoodOneDown() {
        double score = 0.5;
        for (int i = 0; i < 100_000; i++) {
            score = ScoreMath.toward(score, 0.7, 0.1, ALPHA, true).score();
        }
        assertThat(score).isLessThanOrEqualTo(0.7).isGreaterThan(0.69);
        assertThat(ScoreMath.toward(0.93, 0.7, 0.1, ALPHA, true).score()).isEqualTo(0.93);
    }

    @Test
    void oneFailureAfterALongStreakCostsAtMostFiveHundredths() {
        double streak = 0.5;
        for (int i = 0; i < 1_000; i++) {
            streak = ScoreMath.toward(streak, 1.0, 0.3, ALPHA, false).score();
        }
        // bridge_error, bridge_timeout, heartbeat_miss, verification_fail, a one-star review
        for (double weight : new double[] {-0.2, -0.3, -0.3, -0.5, -0.4}) {
            double after = ScoreMath.toward(streak, 0.0, weight, ALPHA, false).score();
            assertThat(streak - after).isPositive().isLessThanOrEqualTo(0.05 + 1e-12);
        }
    }

    @Test
    void anIdleAgentDriftsHalfwayBackToNeutralInOneHalfLife() {
        assertThat(ScoreMath.decay(0.9, HALF_LIFE, HALF_LIFE).score())
                .isCloseTo(0.7, within(1e-12));
        assertThat(ScoreMath.decay(0.1, HALF_LIFE, HALF_LIFE).score())
                .isCloseTo(0.3, within(1e-12));
        assertThat(ScoreMath.decay(0.9, 2 * HALF_LIFE, HALF_LIFE).score())
                .isCloseTo(0.6, within(1e-12));
        assertThat(ScoreMath.decay(0.9, 0, HALF_LIFE).score()).isEqualTo(0.9);
    }

    @Test
    void takingAnEventOutGivesTheScoreOfTheSameHistoryWithoutIt() {
        // A mixed history with drift between events; event 3 is the review later replaced.
        record Op(double target, double weight, long idleBefore) {}
        var ops =
                List.of(
                        new Op(0.6, 0.2, 0),
                        new Op(1.0, 0.3, 3_600_000),
                        new Op(0.0, -0.2, 60_000),
                        new Op(1.0, 0.4, 86_400_000),
                        new Op(1.0, 0.3, 10_000),
                        new Op(0.0, -0.3, 7 * 86_400_000L),
                        new Op(1.0, 1.0, 1));
        int removed = 3;
        double score = 0.5;
        double logSlope = 0;
        double removedDelta = 0;
        double removedLogSlope = 0;
        var withoutIt = new ArrayList<Double>();
        double reference = 0.5;
        for (int i = 0; i < ops.size(); i++) {
            var op = ops.get(i);
            var drift = ScoreMath.decay(score, op.idleBefore(), HALF_LIFE);
            logSlope += drift.logSlope();
            var step = ScoreMath.toward(drift.score(), op.target(), op.weight(), ALPHA, false);
            logSlope += step.logSlope();
            if (i == removed) {
                removedDelta = step.score() - drift.score();
                removedLogSlope = logSlope;
            }
            score = step.score();

            reference = ScoreMath.decay(reference, op.idleBefore(), HALF_LIFE).score();
            if (i != removed) {
                reference =
                        ScoreMath.toward(reference, op.target(), op.weight(), ALPHA, false).score();
            }
            withoutIt.add(reference);
        }
        assertThat(score).isNotCloseTo(reference, within(1e-3));
        assertThat(ScoreMath.without(score, removedDelta, removedLogSlope, logSlope))
                .isCloseTo(withoutIt.getLast(), within(1e-12));
    }

    @Test
    void reviewTargetsRunFromZeroToOne() {
        assertThat(ScoreMath.reviewTarget(1)).isEqualTo(0.0);
        assertThat(ScoreMath.reviewTarget(3)).isEqualTo(0.5);
        assertThat(ScoreMath.reviewTarget(5)).isEqualTo(1.0);
    }
}
