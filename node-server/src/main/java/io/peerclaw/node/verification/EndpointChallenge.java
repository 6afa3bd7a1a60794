package io.peerclaw.node.verification;

import io.peerclaw.node.http.ErrorCode;
import io.peerclaw.node.net.OutboundHttp;
import io.peerclaw.node.net.OutboundResult;
import io.peerclaw.shared.crypto.Ed25519;
import io.peerclaw.shared.crypto.Encoding;
import io.peerclaw.shared.json.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * One challenge of an endpoint: {@code GET {endpoint}/.well-known/peerclaw-verify?challenge=N} must
 * answer {@code {"challenge": N, "signature": S}} with S an Ed25519 signature of N's ASCII bytes by
 * the registered key, in base64 (standard or URL alphabet) or hex.
 */
final class EndpointChallenge {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final int MAX_BODY = 4 * 1024;
    static final String PATH = "/.well-known/peerclaw-verify";

    /** The outcome: passed, or failed with the problem code and a precise reason. */
    sealed interface Result {
        String nonce();

        record Passed(String nonce) implements Result {}

        record Failed(String nonce, ErrorCode code, String reason) implements Result {}
    }

    private final OutboundHttp http;
    private final RandomGenerator random;

    EndpointChallenge(OutboundHttp http, RandomGenerator random) {
        this.http = http;
        this.random = random;
    }

    Result run(String endpoint, Ed25519.PublicKey key) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String nonce = Encoding.hex(bytes);
        Optional<String> url = challengeUrl(endpoint, nonce);
        if (url.isEmpty()) {
            return new Result.Failed(
                    nonce, ErrorCode.TARGET_NOT_ALLOWED, "the endpoint is not an http(s) URL");
        }
        return switch (http.get(url.get(), TIMEOUT, MAX_BODY)) {
            case OutboundResult.Success success -> check(nonce, success.body(), key);
            case OutboundResult.Failure failure -> failed(nonce, failure);
        };
    }

    /** The endpoint's path with the well-known path appended, never with a double slash. */
    static Optional<String> challengeUrl(String endpoint, String nonce) {
        URI uri;
        try {
            uri = URI.create(endpoint.strip());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (uri.getScheme() == null || uri.getRawAuthority() == null) {
            return Optional.empty();
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return Optional.of(
                uri.getScheme()
                        + "://"
                        + uri.getRawAuthority()
                        + path
                        + PATH
                        + "?challenge="
                        + URLEncoder.encode(nonce, StandardCharsets.US_ASCII));
    }

    private static Result failed(String nonce, OutboundResult.Failure failure) {
        return switch (failure) {
            case OutboundResult.TargetNotAllowed f ->
                    new Result.Failed(nonce, ErrorCode.TARGET_NOT_ALLOWED, f.detail());
            case OutboundResult.BadUrl f ->
                    new Result.Failed(nonce, ErrorCode.TARGET_NOT_ALLOWED, f.detail());
            case OutboundResult.UnsupportedScheme f ->
                    new Result.Failed(nonce, ErrorCode.TARGET_NOT_ALLOWED, f.detail());
            case OutboundResult.Unreachable f ->
                    new Result.Failed(nonce, ErrorCode.UNREACHABLE, f.detail());
            case OutboundResult.TimedOut f ->
                    new Result.Failed(
                            nonce,
                            ErrorCode.TIMEOUT,
                            "no complete answer within " + TIMEOUT.toSeconds() + " s");
            case OutboundResult.BadStatus f ->
                    new Result.Failed(
                            nonce,
                            ErrorCode.BAD_STATUS,
                            "the endpoint answered HTTP "
                                    + f.status()
                                    + " (redirects are not followed)");
            case OutboundResult.TooLarge f ->
                    new Result.Failed(
                            nonce,
                            ErrorCode.BAD_RESPONSE,
                            "the answer is larger than " + MAX_BODY + " bytes");
        };
    }

    private static Result check(String nonce, byte[] body, Ed25519.PublicKey key) {
        Map<?, ?> answer;
        try {
            answer = Json.read(new String(body, StandardCharsets.UTF_8), Map.class);
        } catch (RuntimeException e) {
            return new Result.Failed(
                    nonce, ErrorCode.BAD_RESPONSE, "the answer is not a JSON object");
        }
        if (answer == null
                || !(answer.get("challenge") instanceof String challenge)
                || !(answer.get("signature") instanceof String signature)) {
            return new Result.Failed(
                    nonce,
                    ErrorCode.BAD_RESPONSE,
                    "the answer must be {\"challenge\": ..., \"signature\": ...} with strings");
        }
        if (!challenge.equals(nonce)) {
            return new Result.Failed(
                    nonce,
                    ErrorCode.WRONG_CHALLENGE,
                    "the answer echoes another challenge than the one sent");
        }
        Optional<byte[]> raw = decodeSignature(signature.strip());
        if (raw.isEmpty() || raw.get().length != 64) {
            return new Result.Failed(
                    nonce,
                    ErrorCode.BAD_SIGNATURE,
                    "the signature is not 64 bytes in base64 or hex");
        }
        if (!key.verify(nonce.getBytes(StandardCharsets.US_ASCII), raw.get())) {
            return new Result.Failed(
                    nonce,
                    ErrorCode.BAD_SIGNATURE,
                    "the signature does not verify with the agent's registered key");
        }
        return new Result.Passed(nonce);
    }

    /** Hex when it is 128 hex digits; otherwise base64 in either alphabet. */
    static Optional<byte[]> decodeSignature(String text) {
        if (text.length() == 128 && text.matches("[0-9a-fA-F]+")) {
            return Encoding.fromHex(text.toLowerCase(java.util.Locale.ROOT));
        }
        Optional<byte[]> standard = Encoding.fromBase64(text);
        return standard.isPresent() ? standard : Encoding.fromBase64Url(text);
    }
}
