package io.peerclaw.node.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One configuration key: its dotted path, the kind of value it takes and its default. Secrets are
 * never printed.
 */
record ConfigKey(String path, Kind kind, Object defaultValue) {

    enum Kind {
        STRING,
        SECRET,
        BOOLEAN,
        INTEGER,
        DECIMAL,
        DURATION,
        STRING_LIST,
        /** A list of objects, e.g. federation peers; its environment override is a JSON array. */
        OBJECT_LIST
    }

    /** {@code server.http_addr} → {@code PEERCLAW_SERVER_HTTP_ADDR}. */
    String environmentName() {
        return "PEERCLAW_" + path.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    static ConfigKey string(String path, String defaultValue) {
        return new ConfigKey(path, Kind.STRING, defaultValue);
    }

    static ConfigKey secret(String path) {
        return new ConfigKey(path, Kind.SECRET, "");
    }

    static ConfigKey bool(String path, boolean defaultValue) {
        return new ConfigKey(path, Kind.BOOLEAN, defaultValue);
    }

    static ConfigKey integer(String path, long defaultValue) {
        return new ConfigKey(path, Kind.INTEGER, defaultValue);
    }

    static ConfigKey decimal(String path, double defaultValue) {
        return new ConfigKey(path, Kind.DECIMAL, defaultValue);
    }

    static ConfigKey duration(String path, Duration defaultValue) {
        return new ConfigKey(path, Kind.DURATION, defaultValue);
    }

    static ConfigKey list(String path, String... defaults) {
        return new ConfigKey(path, Kind.STRING_LIST, List.of(defaults));
    }

    static ConfigKey objects(String path) {
        return new ConfigKey(path, Kind.OBJECT_LIST, List.<Map<String, String>>of());
    }
}
