package io.peerclaw.node.reviews;

import io.helidon.webserver.http.HttpService;
import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.identity.Authenticator;
import io.peerclaw.node.registry.AgentRegistry;
import io.peerclaw.node.storage.Database;
import io.peerclaw.shared.model.AgentId;
import java.time.InstantSource;
import java.util.function.Consumer;

/** Reviews and reports: the use cases (moderation included, for the admin feature) and routes. */
public final class ReviewsFeature {
    private final Reviews reviews;

    private ReviewsFeature(Reviews reviews) {
        this.reviews = reviews;
    }

    /**
     * @param publicViewChanged told when an agent's public page changes (its review summary)
     * @param ratings told when a user's rating of an agent changes (the trust engine)
     */
    public static ReviewsFeature create(
            Database database,
            AgentRegistry registry,
            Consumer<AgentId> publicViewChanged,
            RatingListener ratings,
            AuditLog audit,
            InstantSource clock) {
        return new ReviewsFeature(
                new Reviews(
                        new ReviewStore(database),
                        registry,
                        publicViewChanged,
                        ratings,
                        audit,
                        clock));
    }

    public Reviews reviews() {
        return reviews;
    }

    public HttpService http(Authenticator authenticator) {
        return new ReviewsHttpService(reviews, authenticator);
    }
}
