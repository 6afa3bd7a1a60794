package io.peerclaw.node.health;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.peerclaw.node.http.JsonBodies;
import io.peerclaw.node.http.MethodNotAllowed;
import io.peerclaw.shared.protocol.api.Health;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * {@code curl http://localhost:8080/api/v1/health} answers {@code
 * {"status":"ok","components":{"database":"ok"},"registered_agents":3}}, or 503 with status {@code
 * degraded} when the database does not answer.
 */
final class HealthHttpService implements HttpService {
    private final BooleanSupplier databaseUp;
    private final LongSupplier registeredAgents;

    HealthHttpService(BooleanSupplier databaseUp, LongSupplier registeredAgents) {
        this.databaseUp = databaseUp;
        this.registeredAgents = registeredAgents;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/health", this::health)
                .any("/health", MethodNotAllowed.allowing("GET"))
                .get("/health/live", this::live)
                .any("/health/live", MethodNotAllowed.allowing("GET"));
    }

    private void health(ServerRequest req, ServerResponse res) {
        boolean up = databaseUp.getAsBoolean();
        long agents = 0;
        if (up) {
            try {
                agents = registeredAgents.getAsLong();
            } catch (RuntimeException e) {
                up = false;
            }
        }
        var body =
                new Health(up ? "ok" : "degraded", Map.of("database", up ? "ok" : "error"), agents);
        JsonBodies.send(res, up ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503, body);
    }

    private void live(ServerRequest req, ServerResponse res) {
        JsonBodies.ok(res, Map.of("status", "ok"));
    }
}
