package io.peerclaw.shared.crypto;

import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.json.JsonReadException;
import io.peerclaw.shared.model.AgentCard;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A2A agent card signatures (A2A v1.0 §8.4) with Ed25519: a JWS (RFC 7515) in flattened form
 * without its payload, whose payload is the canonical card.
 *
 * <p>The payload is the card as JSON without {@code signatures}, with {@code null}, {@code ""},
 * {@code []} and {@code {}} dropped at every depth ({@code false} and {@code 0} stay), written in
 * RFC 8785 canonical form ({@link CanonicalJson}). For a PeerClaw card the node's own fields
 * ({@link #NODE_FIELDS}) are left out as well, and the card is taken as its record reads it, so
 * members the card does not define are not covered. The signed text is {@code protected + "." +
 * base64url(payload)}; the protected header must name {@code alg: "EdDSA"}, {@code typ: "JOSE"} and
 * a {@code kid}. This is what {@code @a2a-js/sdk}'s {@code generateAgentCardSignature} and {@code
 * verifyAgentCardSignature} do.
 *
 * <pre>
 * AgentCard signed = CardSignatures.sign(card, key);          // kid: the key's did:key
 * List&lt;Check&gt; checks = CardSignatures.verify(signed, key.publicKey());
 * </pre>
 */
public final class CardSignatures {
    /** The JWS algorithm of Ed25519 (RFC 8037). */
    public static final String ALGORITHM = "EdDSA";

    /** The {@code typ} A2A asks for. */
    public static final String TYPE = "JOSE";

    /**
     * Members of a PeerClaw card that the node sets or changes by itself, so no signature can cover
     * them: the id and key (derived from and checked against the registered key), status,
     * visibility and the two timestamps.
     */
    public static final List<String> NODE_FIELDS =
            List.of("id", "public_key", "status", "visibility", "registered_at", "last_heartbeat");

    private static final String SIGNATURES = "signatures";

    private CardSignatures() {}

    /** The outcome of checking one signature. */
    public sealed interface Check permits Valid, Invalid {}

    /** The signature verifies; {@code keyId} is its {@code kid}. */
    public record Valid(String keyId) implements Check {}

    /** The signature does not verify; {@code reason} says why, in lowercase words. */
    public record Invalid(String reason) implements Check {}

    // ------------------------------------------------------------------ payload

    /** The bytes every signature of a PeerClaw card covers. */
    public static byte[] payload(AgentCard card) {
        Map<String, Object> members = members(card);
        NODE_FIELDS.forEach(members::remove);
        return payload(members);
    }

    /**
     * The bytes every signature of a card given as JSON values covers (a map from {@code
     * Json.read(bytes, Map.class)}, say). Any schema's card: the caller drops members outside its
     * schema first, as A2A's SDKs do with their round-trip through the card type.
     */
    public static byte[] payload(Map<String, ?> card) {
        var members = new LinkedHashMap<String, Object>(card);
        members.remove(SIGNATURES);
        Object cleaned = withoutEmpties(members);
        return CanonicalJson.bytes(cleaned == null ? Map.of() : cleaned);
    }

    /** {@code null}, {@code ""}, empty lists and empty objects removed at every depth. */
    static Object withoutEmpties(Object value) {
        switch (value) {
            case null -> {
                return null;
            }
            case String s when s.isEmpty() -> {
                return null;
            }
            case List<?> list -> {
                var out = new ArrayList<>(list.size());
                for (Object item : list) {
                    Object cleaned = withoutEmpties(item);
                    if (cleaned != null) {
                        out.add(cleaned);
                    }
                }
                return out.isEmpty() ? null : out;
            }
            case Map<?, ?> map -> {
                var out = new LinkedHashMap<Object, Object>();
                map.forEach(
                        (name, member) -> {
                            Object cleaned = withoutEmpties(member);
                            if (cleaned != null) {
                                out.put(name, cleaned);
                            }
                        });
                return out.isEmpty() ? null : out;
            }
            default -> {
                return value;
            }
        }
    }

    // ------------------------------------------------------------------ signing

    /** The card with one more signature by {@code key}, whose {@code kid} is the key's did:key. */
    public static AgentCard sign(AgentCard card, Ed25519.KeyPair key) {
        return sign(card, key, keyId(key.publicKey()));
    }

    /** The card with one more signature by {@code key} under the given {@code kid}. */
    public static AgentCard sign(AgentCard card, Ed25519.KeyPair key, String kid) {
        var all = new ArrayList<AgentCard.Signature>();
        if (card.signatures() != null) {
            all.addAll(card.signatures());
        }
        all.add(signature(payload(card), key, kid));
        return card.withSignatures(List.copyOf(all));
    }

    /** A signature over {@code payload} with the protected header {@code {alg, kid, typ}}. */
    public static AgentCard.Signature signature(byte[] payload, Ed25519.KeyPair key, String kid) {
        if (kid == null || kid.isEmpty()) {
            throw new IllegalArgumentException("a card signature needs a kid");
        }
        var header = new LinkedHashMap<String, Object>();
        header.put("alg", ALGORITHM);
        header.put("kid", kid);
        header.put("typ", TYPE);
        String protectedHeader = Encoding.base64Url(Json.bytes(header));
        byte[] signature = key.sign(signingInput(protectedHeader, payload));
        return new AgentCard.Signature(protectedHeader, Encoding.base64Url(signature), null);
    }

    /**
     * The did:key verification method of an Ed25519 key, {@code did:key:z6Mk…#z6Mk…}: a {@code kid}
     * that names the key itself, so a verifier needs no lookup.
     */
    public static String keyId(Ed25519.PublicKey key) {
        byte[] raw = key.raw();
        byte[] multikey = new byte[raw.length + 2];
        multikey[0] = (byte) 0xed; // multicodec ed25519-pub, as a varint
        multikey[1] = 0x01;
        System.arraycopy(raw, 0, multikey, 2, raw.length);
        String multibase = "z" + Encoding.base58btc(multikey);
        return "did:key:" + multibase + "#" + multibase;
    }

    // ------------------------------------------------------------------ verifying

    /**
     * Checks every signature of a PeerClaw card against {@code key}, in order; empty when the card
     * has none. A client may accept a card when one is {@link Valid}; the node stores a card only
     * when all are.
     */
    public static List<Check> verify(AgentCard card, Ed25519.PublicKey key) {
        if (!card.signed()) {
            return List.of();
        }
        byte[] payload;
        try {
            payload = payload(card);
        } catch (IllegalArgumentException e) {
            Check invalid = new Invalid("the card has no canonical form: " + e.getMessage());
            return card.signatures().stream().map(s -> invalid).toList();
        }
        return card.signatures().stream().map(s -> verify(s, payload, key)).toList();
    }

    /** Checks one signature over a payload against {@code key}. */
    public static Check verify(AgentCard.Signature entry, byte[] payload, Ed25519.PublicKey key) {
        if (entry == null) {
            return new Invalid("is not an object");
        }
        if (entry.protectedHeader() == null || entry.protectedHeader().isEmpty()) {
            return new Invalid("has no protected header");
        }
        var decoded = Encoding.fromBase64UrlStrict(entry.protectedHeader());
        if (decoded.isEmpty()) {
            return new Invalid("protected is not base64url without padding");
        }
        Map<?, ?> header;
        try {
            header = Json.read(decoded.get(), Map.class);
        } catch (JsonReadException e) {
            header = null;
        }
        if (header == null) {
            return new Invalid("the protected header is not a JSON object");
        }
        Object alg = header.get("alg");
        if (alg == null) {
            return new Invalid("the protected header has no alg");
        }
        if (!ALGORITHM.equals(alg)) {
            return new Invalid(
                    "alg is " + Json.text(alg) + "; only EdDSA (Ed25519) signatures are accepted");
        }
        if (!(header.get("typ") instanceof String typ) || !TYPE.equalsIgnoreCase(typ)) {
            return new Invalid("the protected header must have typ \"JOSE\"");
        }
        if (!(header.get("kid") instanceof String kid) || kid.isEmpty()) {
            return new Invalid("the protected header has no kid");
        }
        if (header.containsKey("crit")) {
            return new Invalid("crit names extensions this verifier does not understand");
        }
        if (entry.header() != null) {
            for (String name : entry.header().keySet()) {
                if (header.containsKey(name)) {
                    return new Invalid(
                            "header repeats "
                                    + name
                                    + " of the protected header (RFC 7515 §7.2.1)");
                }
            }
        }
        if (entry.signature() == null || entry.signature().isEmpty()) {
            return new Invalid("has no signature");
        }
        var signature = Encoding.fromBase64UrlStrict(entry.signature());
        if (signature.isEmpty() || signature.get().length != Ed25519.SIGNATURE_BYTES) {
            return new Invalid("signature is not 64 bytes in base64url without padding");
        }
        if (!key.verify(signingInput(entry.protectedHeader(), payload), signature.get())) {
            return new Invalid("does not verify with the agent's key over the canonical card");
        }
        return new Valid(kid);
    }

    /** The JWS signing input: {@code ASCII(protected + "." + base64url(payload))}. */
    static byte[] signingInput(String protectedHeader, byte[] payload) {
        return (protectedHeader + "." + Encoding.base64Url(payload))
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static Map<String, Object> members(AgentCard card) {
        Object tree = Json.convert(card.withSignatures(null), Object.class);
        var members = new LinkedHashMap<String, Object>();
        if (tree instanceof Map<?, ?> map) {
            map.forEach((name, value) -> members.put((String) name, value));
        }
        return members;
    }
}
