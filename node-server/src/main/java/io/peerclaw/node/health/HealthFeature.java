package io.peerclaw.node.health;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.peerclaw.node.http.Feature;
import io.peerclaw.node.http.Mount;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Health routes. The agent count is remembered for a second so that a monitor polling hard never
 * turns into a stream of counting queries.
 */
public final class HealthFeature implements Feature {
    private final HealthHttpService http;

    private HealthFeature(HealthHttpService http) {
        this.http = http;
    }

    public static HealthFeature create(BooleanSupplier databaseUp, LongSupplier registeredAgents) {
        LoadingCache<String, Long> count =
                Caffeine.newBuilder()
                        .expireAfterWrite(Duration.ofSeconds(1))
                        .build(k -> registeredAgents.getAsLong());
        return new HealthFeature(new HealthHttpService(databaseUp, () -> count.get("agents")));
    }

    @Override
    public List<Mount> routes() {
        return Mount.under(Mount.API, http);
    }
}
