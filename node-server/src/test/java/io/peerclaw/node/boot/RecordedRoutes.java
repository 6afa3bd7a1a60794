package io.peerclaw.node.boot;

import io.helidon.common.uri.UriPath;
import io.helidon.http.Method;
import io.helidon.http.PathMatchers;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRoute;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The routes services declare, in declaration order, read by letting each service route into this
 * instead of a server: what the router would try, and in which order.
 */
final class RecordedRoutes implements HttpRules {
    static final Set<Method> ANY =
            Set.of(Method.GET, Method.POST, Method.PUT, Method.DELETE, Method.PATCH);

    /** One route: which feature declared it, its methods, and its full path pattern. */
    record Route(String feature, Set<Method> methods, String pattern) {
        boolean accepts(Method method, String path) {
            return methods.contains(method)
                    && PathMatchers.create(pattern).match(UriPath.create(path)).accepted();
        }

        /** A concrete path this route answers, each parameter replaced by a plain value. */
        String example() {
            return pattern.replaceAll("\\{[^}]+}", "x7").replace("*", "x7");
        }
    }

    private final List<Route> routes = new ArrayList<>();
    private String feature = "";
    private String prefix = "";

    static List<Route> of(RouteTable table) {
        var recorded = new RecordedRoutes();
        for (var entry : table.entries()) {
            recorded.feature = entry.feature();
            recorded.register(entry.mount().prefix(), entry.mount().service());
        }
        return List.copyOf(recorded.routes);
    }

    /** The first route that would answer this request, if any. */
    static Optional<Route> firstAccepting(List<Route> routes, Method method, String path) {
        return routes.stream().filter(route -> route.accepts(method, path)).findFirst();
    }

    @Override
    public HttpRules register(HttpService... services) {
        return register("", services);
    }

    @Override
    public HttpRules register(String path, HttpService... services) {
        String outer = prefix;
        prefix = outer + path;
        try {
            for (var service : services) {
                service.routing(this);
            }
        } finally {
            prefix = outer;
        }
        return this;
    }

    @Override
    public HttpRules route(HttpRoute route) {
        throw new UnsupportedOperationException(
                "a service routed without a path pattern; RecordedRoutes reads patterns only");
    }

    private HttpRules add(Set<Method> methods, String path) {
        routes.add(new Route(feature, methods, prefix + path));
        return this;
    }

    @Override
    public HttpRules get(String pathPattern, Handler... handlers) {
        return add(Set.of(Method.GET), pathPattern);
    }

    @Override
    public HttpRules post(String pathPattern, Handler... handlers) {
        return add(Set.of(Method.POST), pathPattern);
    }

    @Override
    public HttpRules put(String pathPattern, Handler... handlers) {
        return add(Set.of(Method.PUT), pathPattern);
    }

    @Override
    public HttpRules delete(String pathPattern, Handler... handlers) {
        return add(Set.of(Method.DELETE), pathPattern);
    }

    @Override
    public HttpRules patch(String pathPattern, Handler... handlers) {
        return add(Set.of(Method.PATCH), pathPattern);
    }

    @Override
    public HttpRules head(String pathPattern, Handler... handlers) {
        return add(Set.of(Method.HEAD), pathPattern);
    }

    @Override
    public HttpRules options(String pathPattern, Handler... handlers) {
        return add(Set.of(Method.OPTIONS), pathPattern);
    }

    @Override
    public HttpRules any(String pathPattern, Handler... handlers) {
        return add(ANY, pathPattern);
    }

    /** A catch-all: everything under the service's prefix that no earlier route took. */
    @Override
    public HttpRules any(Handler... handlers) {
        return add(ANY, "/*");
    }
}
