package io.peerclaw.node.net;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What one outbound request came to: a {@link Success} or a {@link Failure} whose {@link
 * Failure#code() code} says precisely why, for callers to report ({@code target_not_allowed},
 * {@code bad_url}, {@code unsupported_scheme}, {@code unreachable}, {@code timeout}, {@code
 * bad_status}, {@code too_large}).
 */
public sealed interface OutboundResult {

    /**
     * A 2xx answer read completely within the body cap.
     *
     * @param headers response headers by lower-case name, in the order received
     * @param body the whole body; the array is the caller's (not copied, so do not share it)
     */
    record Success(int status, Map<String, List<String>> headers, byte[] body)
            implements OutboundResult {
        public Success {
            var copy = new LinkedHashMap<String, List<String>>();
            headers.forEach((name, values) -> copy.put(lower(name), List.copyOf(values)));
            headers = Collections.unmodifiableMap(copy);
        }

        /** The first value of a header, whatever the case of its name. */
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(lower(name))).map(List::getFirst);
        }

        private static String lower(String name) {
            return name.toLowerCase(Locale.ROOT);
        }
    }

    /** Why a request did not produce a {@link Success}. */
    sealed interface Failure extends OutboundResult {
        /** The reason as a stable snake_case code. */
        String code();

        /** One sentence for people; never contains the address a host name resolved to. */
        String detail();
    }

    /** The target is not a public address (nor allowlisted); no connection was attempted. */
    record TargetNotAllowed(String detail) implements Failure {
        @Override
        public String code() {
            return "target_not_allowed";
        }
    }

    /** The URL cannot be used: unparseable, relative, no host, or carrying credentials. */
    record BadUrl(String detail) implements Failure {
        @Override
        public String code() {
            return "bad_url";
        }
    }

    /** Only {@code http} and {@code https} are spoken. */
    record UnsupportedScheme(String scheme) implements Failure {
        @Override
        public String code() {
            return "unsupported_scheme";
        }

        @Override
        public String detail() {
            return "only http and https URLs are allowed, not " + scheme;
        }
    }

    /**
     * No HTTP answer: the name has no address, the connection was refused or reset, TLS failed, or
     * what came back was not HTTP.
     */
    record Unreachable(String detail) implements Failure {
        @Override
        public String code() {
            return "unreachable";
        }
    }

    /** The request's deadline passed before the whole answer arrived. */
    record TimedOut(Duration after) implements Failure {
        @Override
        public String code() {
            return "timeout";
        }

        @Override
        public String detail() {
            return "no complete answer within " + after.toMillis() + " ms";
        }
    }

    /**
     * The server answered with a status other than 2xx; redirects are never followed.
     *
     * @param body the start of the answer's body (8 KiB at most) for POSTs, whose protocols explain
     *     errors there; empty for other requests
     */
    record BadStatus(int status, String body) implements Failure {
        public BadStatus {
            java.util.Objects.requireNonNull(body, "body");
        }

        public BadStatus(int status) {
            this(status, "");
        }

        @Override
        public String code() {
            return "bad_status";
        }

        @Override
        public String detail() {
            return "the server answered " + status;
        }
    }

    /**
     * The answer exceeded a cap; reading stopped there.
     *
     * @param part {@code body} or {@code headers}
     */
    record TooLarge(String part, long limitBytes) implements Failure {
        @Override
        public String code() {
            return "too_large";
        }

        @Override
        public String detail() {
            return "the response " + part + " exceeds " + limitBytes + " bytes";
        }
    }
}
