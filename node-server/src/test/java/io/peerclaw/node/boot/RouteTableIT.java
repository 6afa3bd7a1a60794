package io.peerclaw.node.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.Method;
import io.peerclaw.node.boot.RecordedRoutes.Route;
import io.peerclaw.node.config.ConfigSources;
import io.peerclaw.node.config.NodeConfigLoader;
import io.peerclaw.node.fixtures.TestNode;
import java.io.OutputStream;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Route precedence across features: the node's route table, read as the router reads it. Where two
 * features' paths overlap, the more specific one must come first, or its requests would reach the
 * other feature.
 */
class RouteTableIT {
    private static NodeWiring wiring;
    private static List<Route> routes;
    private static java.nio.file.Path directory;

    @BeforeAll
    static void start() {
        directory = TestNode.temporaryDirectory();
        var config =
                NodeConfigLoader.load(
                                new ConfigSources(
                                        Optional.empty(),
                                        Optional.of(directory),
                                        OptionalInt.of(0),
                                        Map.of(),
                                        Map.of(
                                                "logging.level", "warn",
                                                "audit_log.output", "stdout",
                                                "database.dsn", "mem:routes-" + UUID.randomUUID())))
                        .config();
        wiring = NodeWiring.start(config, InstantSource.system(), OutputStream.nullOutputStream());
        routes = RecordedRoutes.of(wiring.routeTable());
    }

    @AfterAll
    static void stop() {
        wiring.close();
        TestNode.deleteRecursively(directory);
    }

    @Test
    void everyFeatureMountsRoutes() {
        assertThat(routes.stream().map(Route::feature).distinct())
                .contains(
                        "provider",
                        "reviews",
                        "admin",
                        "verification",
                        "uptime",
                        "invoke",
                        "a2a",
                        "acp",
                        "mcp",
                        "registry",
                        "identity",
                        "directory",
                        "health",
                        "accounts");
    }

    @Test
    void noRouteIsHiddenBehindAnotherFeaturesRoute() {
        var hidden = new ArrayList<String>();
        for (var route : routes) {
            boolean catchAll = route.methods().equals(RecordedRoutes.ANY);
            var reachedBy =
                    route.methods().stream()
                            .filter(
                                    method ->
                                            RecordedRoutes.firstAccepting(
                                                            routes, method, route.example())
                                                    .map(
                                                            first ->
                                                                    first.feature()
                                                                            .equals(
                                                                                    route
                                                                                            .feature()))
                                                    .orElse(false))
                            .toList();
            // A catch-all (a 405 answer for the other methods) needs to be reached by one method.
            boolean reachable =
                    catchAll ? !reachedBy.isEmpty() : reachedBy.size() == route.methods().size();
            if (!reachable) {
                hidden.add(route.feature() + " " + route.methods() + " " + route.pattern());
            }
        }
        assertThat(hidden).isEmpty();
    }

    @Test
    void overlappingPathsGoToTheMoreSpecificFeature() {
        assertThat(first(Method.POST, "/api/v1/agents/claim")).isEqualTo("provider");
        assertThat(first(Method.GET, "/api/v1/agents/claim")).isEqualTo("provider");
        assertThat(first(Method.GET, "/api/v1/agents/some-agent")).isEqualTo("registry");
        assertThat(first(Method.POST, "/api/v1/directory/some-agent/reviews")).isEqualTo("reviews");
        assertThat(first(Method.DELETE, "/api/v1/directory/some-agent/reviews"))
                .isEqualTo("reviews");
        assertThat(first(Method.GET, "/api/v1/directory/some-agent/reviews"))
                .isEqualTo("directory");
    }

    @Test
    void theCheckSeesARouteHiddenByAnEarlierFeature() {
        var reordered = new ArrayList<Route>();
        routes.stream().filter(r -> r.feature().equals("registry")).forEach(reordered::add);
        routes.stream().filter(r -> !r.feature().equals("registry")).forEach(reordered::add);
        assertThat(RecordedRoutes.firstAccepting(reordered, Method.POST, "/api/v1/agents/claim"))
                .get()
                .extracting(Route::feature)
                .isEqualTo("registry");
    }

    private static String first(Method method, String path) {
        return RecordedRoutes.firstAccepting(routes, method, path)
                .map(Route::feature)
                .orElse("none");
    }
}
