package io.peerclaw.node.http;

import io.helidon.webserver.http.HttpService;
import java.util.Arrays;
import java.util.List;

/**
 * One service of a feature under a path prefix ({@code /api/v1}, or {@code ""} for the root).
 * Features hand the composition root a list of these; the root decides the order in which the
 * router tries them.
 */
public record Mount(String prefix, HttpService service) {
    /** The public REST API's prefix. */
    public static final String API = "/api/v1";

    /** Services under one prefix, in the order the feature wants them tried. */
    public static List<Mount> under(String prefix, HttpService... services) {
        return Arrays.stream(services).map(service -> new Mount(prefix, service)).toList();
    }
}
