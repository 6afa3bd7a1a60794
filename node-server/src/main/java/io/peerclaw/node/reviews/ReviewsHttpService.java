package io.peerclaw.node.reviews;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.peerclaw.node.http.IncomingRequest;
import io.peerclaw.node.http.JsonBodies;
import io.peerclaw.node.http.MethodNotAllowed;
import io.peerclaw.node.http.PathIds;
import io.peerclaw.node.identity.Authenticator;
import io.peerclaw.node.identity.KeyScope;
import io.peerclaw.shared.model.AgentId;
import io.peerclaw.shared.protocol.api.Reviews.ReportRequest;
import io.peerclaw.shared.protocol.api.Reviews.ReviewRequest;

/**
 * Writing reviews ({@code POST/DELETE /api/v1/directory/{id}/reviews}) and reports ({@code POST
 * /api/v1/reports}); reading reviews is the directory's.
 *
 * <pre>
 * curl -X POST localhost:8080/api/v1/directory/$AGENT/reviews -H "Authorization: Bearer $TOKEN" \
 *      -d '{"rating":5,"comment":"fast and right"}'
 * </pre>
 */
final class ReviewsHttpService implements HttpService {
    private final Reviews reviews;
    private final Authenticator authenticator;

    ReviewsHttpService(Reviews reviews, Authenticator authenticator) {
        this.reviews = reviews;
        this.authenticator = authenticator;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/directory/{id}/reviews", this::review)
                .delete("/directory/{id}/reviews", this::deleteReview)
                .post("/reports", this::report)
                .any("/reports", MethodNotAllowed.allowing("POST"));
    }

    private void review(ServerRequest req, ServerResponse res) {
        var user = authenticator.requireUser(IncomingRequest.of(req), KeyScope.READ);
        AgentId id = PathIds.publicAgentId(req);
        var request =
                JsonBodies.readStrict(
                        JsonBodies.raw(req),
                        ReviewRequest.class,
                        java.util.Map.of("rating", Reviews.RATING_RULE));
        var saved = reviews.review(user.userId(), id, request);
        JsonBodies.send(res, saved.created() ? Status.CREATED_201 : Status.OK_200, saved.review());
    }

    private void deleteReview(ServerRequest req, ServerResponse res) {
        var user = authenticator.requireUser(IncomingRequest.of(req), KeyScope.READ);
        reviews.deleteReview(user.userId(), PathIds.publicAgentId(req));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void report(ServerRequest req, ServerResponse res) {
        var user = authenticator.requireUser(IncomingRequest.of(req), KeyScope.READ);
        var request = JsonBodies.readStrict(JsonBodies.raw(req), ReportRequest.class);
        var filed = reviews.report(user.userId(), request);
        JsonBodies.send(res, filed.created() ? Status.CREATED_201 : Status.OK_200, filed.report());
    }
}
