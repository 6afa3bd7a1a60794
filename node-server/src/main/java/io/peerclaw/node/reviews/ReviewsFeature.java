package io.peerclaw.node.reviews;

import io.peerclaw.node.audit.AuditLog;
import io.peerclaw.node.http.Feature;
import io.peerclaw.node.http.Mount;
import io.peerclaw.node.identity.Authenticator;
import io.peerclaw.node.registry.AgentModeration;
import io.peerclaw.node.registry.AgentReads;
import io.peerclaw.node.storage.Database;
import io.peerclaw.shared.model.AgentId;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Consumer;

/** Reviews and reports: the use cases (moderation included, for the admin feature) and routes. */
public final class ReviewsFeature implements Feature {
    private final Reviews reviews;
    private final Authenticator authenticator;

    private ReviewsFeature(Reviews reviews, Authenticator authenticator) {
        this.reviews = reviews;
        this.authenticator = authenticator;
    }

    /**
     * @param publicViewChanged told when an agent's public page changes (its review summary)
     * @param ratings told when a user's rating of an agent changes (the trust engine)
     */
    public static ReviewsFeature create(
            Database database,
            AgentReads agents,
            AgentModeration moderation,
            Consumer<AgentId> publicViewChanged,
            RatingListener ratings,
            AuditLog audit,
            InstantSource clock,
            Authenticator authenticator) {
        return new ReviewsFeature(
                new Reviews(
                        new ReviewStore(database),
                        agents,
                        moderation,
                        publicViewChanged,
                        ratings,
                        audit,
                        clock),
                authenticator);
    }

    public Reviews reviews() {
        return reviews;
    }

    @Override
    public List<Mount> routes() {
        return Mount.under(Mount.API, new ReviewsHttpService(reviews, authenticator));
    }
}
