package io.peerclaw.node.http;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The starts of equal time buckets from a requested {@code since} up to now, for figures. */
public final class TimeBuckets {
    public static final int MAX_BUCKETS = 1000;

    private TimeBuckets() {}

    /**
     * Bucket starts from {@code since} (default: a day ago) to now, {@code bucketMinutes} apart.
     *
     * @throws ApiException 400 naming {@code since} when it is not in the past, or {@code
     *     bucket_minutes} when that would make more than {@link #MAX_BUCKETS} buckets
     */
    public static List<Instant> since(Optional<Instant> since, int bucketMinutes, Instant now) {
        Instant end = now.truncatedTo(ChronoUnit.MINUTES);
        Instant start = since.orElse(end.minus(Duration.ofHours(24)));
        if (!start.isBefore(end)) {
            throw ApiException.invalid("since", "must be in the past");
        }
        Duration bucket = Duration.ofMinutes(bucketMinutes);
        long count = Duration.between(start, end).dividedBy(bucket) + 1;
        if (count > MAX_BUCKETS) {
            throw ApiException.invalid(
                    "bucket_minutes",
                    "gives more than " + MAX_BUCKETS + " buckets since 'since'; use larger ones");
        }
        var starts = new ArrayList<Instant>();
        for (long i = 0; i < count; i++) {
            starts.add(start.plus(bucket.multipliedBy(i)));
        }
        return starts;
    }
}
