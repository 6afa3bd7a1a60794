package io.peerclaw.shared.crypto;

import io.peerclaw.shared.model.AgentId;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The PEERCLAW-SIG-V1 request signature.
 *
 * <p>The signed message is the UTF-8 text of six lines joined by {@code \n}: the scheme name, the
 * method in upper case, the path with its query exactly as sent, the unix timestamp in seconds, the
 * nonce, and the lowercase hex SHA-256 of the raw body. Covering method, path, time, nonce and body
 * digest makes a signature useless for any other request and, with the node's nonce cache, for
 * replay. See {@code docs/request-signatures.md}.
 */
public final class RequestSignature {
    public static final String SCHEME = "PEERCLAW-SIG-V1";
    public static final String HEADER_PUBLIC_KEY = "X-PeerClaw-PublicKey";
    public static final String HEADER_SIGNATURE = "X-PeerClaw-Signature";
    public static final String HEADER_TIMESTAMP = "X-PeerClaw-Timestamp";
    public static final String HEADER_NONCE = "X-PeerClaw-Nonce";
    public static final String HEADER_AGENT_ID = "X-PeerClaw-Agent-ID";

    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{16,64}");

    private RequestSignature() {}

    /** Whether a nonce has the accepted form: 16 to 64 characters of [A-Za-z0-9_-]. */
    public static boolean isWellFormedNonce(String nonce) {
        return nonce != null && NONCE.matcher(nonce).matches();
    }

    /** The exact bytes that are signed. */
    public static byte[] message(
            String method, String pathAndQuery, long timestamp, String nonce, byte[] body) {
        String bodyDigest =
                body == null || body.length == 0 ? Hashes.EMPTY_SHA256_HEX : Hashes.sha256Hex(body);
        return messageWithDigest(method, pathAndQuery, timestamp, nonce, bodyDigest);
    }

    public static byte[] messageWithDigest(
            String method,
            String pathAndQuery,
            long timestamp,
            String nonce,
            String bodySha256Hex) {
        String text =
                SCHEME
                        + '\n'
                        + method.toUpperCase(Locale.ROOT)
                        + '\n'
                        + pathAndQuery
                        + '\n'
                        + timestamp
                        + '\n'
                        + nonce
                        + '\n'
                        + bodySha256Hex;
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Signs a request and returns the headers to send with it (agent id included, since the id
     * follows from the key).
     */
    public static Map<String, String> headers(
            Ed25519.KeyPair key,
            String method,
            String pathAndQuery,
            long timestamp,
            String nonce,
            byte[] body) {
        byte[] signature = key.sign(message(method, pathAndQuery, timestamp, nonce, body));
        var headers = new LinkedHashMap<String, String>();
        headers.put(HEADER_PUBLIC_KEY, key.publicKey().base64());
        headers.put(HEADER_SIGNATURE, Encoding.base64(signature));
        headers.put(HEADER_TIMESTAMP, Long.toString(timestamp));
        headers.put(HEADER_NONCE, nonce);
        headers.put(HEADER_AGENT_ID, AgentId.of(key.publicKey()).value());
        return headers;
    }
}
