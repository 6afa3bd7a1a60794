package io.peerclaw.shared.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.model.AgentCard;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CardSignaturesTest {
    /** The key of docs/request-signatures.md: seed 00 01 … 1f. */
    static final Ed25519.KeyPair KEY =
            Ed25519.fromSeed(
                    HexFormat.of()
                            .parseHex(
                                    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"));

    static final Ed25519.KeyPair OTHER = Ed25519.fromSeed(new byte[32]);

    static AgentCard card() {
        return Json.read(
                """
                {"id": "kzdvvj2umnduyauf35o36k6kw462mujv", "name": "weather",
                 "description": "Forecasts", "version": "1.0.0",
                 "public_key": "A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=",
                 "capabilities": ["forecast"], "protocols": ["a2a"],
                 "endpoint": {"url": "https://weather.example.com/a2a", "port": 443},
                 "tools": [{"name": "forecast", "input_schema": {"type": "object", "minimum": 1.50}}],
                 "metadata": {}, "skills": [],
                 "peerclaw": {"priority": 0, "public_endpoint": false, "tags": []},
                 "status": "online", "visibility": "public",
                 "registered_at": "2026-11-25T21:00:00Z", "last_heartbeat": "2026-11-25T21:00:30Z"}
                """,
                AgentCard.class);
    }

    @Test
    void keyIdIsTheDidKeyOfTheKey() {
        assertThat(CardSignatures.keyId(KEY.publicKey()))
                .isEqualTo(
                        "did:key:z6MkehRgf7yJbgaGfYsdoAsKdBPE3dj2CYhowQdcjqSJgvVd"
                                + "#z6MkehRgf7yJbgaGfYsdoAsKdBPE3dj2CYhowQdcjqSJgvVd");
    }

    @Nested
    class Payload {
        @Test
        void leavesOutNodeFieldsAndEmptiesButKeepsFalseAndZero() {
            assertThat(new String(CardSignatures.payload(card()), StandardCharsets.UTF_8))
                    .isEqualTo(
                            "{\"capabilities\":[\"forecast\"],\"description\":\"Forecasts\","
                                + "\"endpoint\":{\"port\":443,\"url\":\"https://weather.example.com/a2a\"},"
                                + "\"name\":\"weather\",\"peerclaw\":{\"priority\":0,\"public_endpoint\":false},"
                                + "\"protocols\":[\"a2a\"],"
                                + "\"tools\":[{\"input_schema\":{\"minimum\":1.5,\"type\":\"object\"},\"name\":\"forecast\"}],"
                                + "\"version\":\"1.0.0\"}");
        }

        @Test
        void doesNotDependOnNodeFieldsOrSignatures() {
            AgentCard signed = CardSignatures.sign(card(), KEY);
            AgentCard moved = signed.withServerFields(null, "busy", "private", Instant.EPOCH, null);
            assertThat(CardSignatures.payload(moved)).isEqualTo(CardSignatures.payload(card()));
        }

        /** protocols.md §6: what a2a-js 1.3 produced for this card [observed]. */
        @Test
        void matchesTheObservedOutputOfTheA2aSdk() {
            var card =
                    map(
                            """
                            {"name": "Echo", "description": "Echo agent", "version": "1.0.0",
                             "supportedInterfaces": [{"url": "http://localhost:8080/a2a",
                               "protocolBinding": "JSONRPC", "protocolVersion": "1.0", "tenant": ""}],
                             "capabilities": {"streaming": true, "pushNotifications": false,
                               "extensions": []},
                             "defaultInputModes": ["text/plain"], "defaultOutputModes": ["text/plain"],
                             "skills": [{"id": "echo", "name": "Echo", "description": "Echoes input",
                               "tags": ["echo"], "examples": []}],
                             "signatures": [{"protected": "x", "signature": "y"}]}
                            """);
            assertThat(new String(CardSignatures.payload(card), StandardCharsets.UTF_8))
                    .isEqualTo(
                            "{\"capabilities\":{\"pushNotifications\":false,\"streaming\":true},"
                                + "\"defaultInputModes\":[\"text/plain\"],"
                                + "\"defaultOutputModes\":[\"text/plain\"],\"description\":\"Echo"
                                + " agent\",\"name\":\"Echo\",\"skills\":[{\"description\":\"Echoes"
                                + " input\",\"id\":\"echo\","
                                + "\"name\":\"Echo\",\"tags\":[\"echo\"]}],"
                                + "\"supportedInterfaces\":[{\"protocolBinding\":\"JSONRPC\","
                                + "\"protocolVersion\":\"1.0\",\"url\":\"http://localhost:8080/a2a\"}],"
                                + "\"version\":\"1.0.0\"}");
        }

        @Test
        void ofAnEmptyCardIsAnEmptyObject() {
            assertThat(CardSignatures.payload(Map.of("name", "", "skills", List.of())))
                    .isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Signatures made by @a2a-js/sdk 1.3.0 (see src/test/resources/a2a-interop). */
    @Nested
    class AgainstTheA2aSdk {
        final Map<String, Object> sdk = map(resource("a2a-interop/signed-by-sdk.json"));
        final Map<String, Object> a2aCard = map(resource("a2a-interop/card.json"));

        @Test
        void canonicalisesTheCardToTheSameBytes() {
            assertThat(new String(CardSignatures.payload(a2aCard), StandardCharsets.UTF_8))
                    .isEqualTo(sdk.get("canonical"));
        }

        @Test
        void acceptsTheSdksSignature() {
            var entry = Json.convert(sdk.get("signature"), AgentCard.Signature.class);
            assertThat(
                            CardSignatures.verify(
                                    entry, CardSignatures.payload(a2aCard), KEY.publicKey()))
                    .isEqualTo(new CardSignatures.Valid((String) sdk.get("kid")));
        }

        @Test
        void signsTheSameBytesAsTheSdk() {
            // Ed25519 is deterministic: same key, header and payload give the same signature.
            var entry =
                    CardSignatures.signature(
                            CardSignatures.payload(a2aCard), KEY, (String) sdk.get("kid"));
            assertThat(map(Json.text(entry))).isEqualTo(sdk.get("signature"));
        }
    }

    @Nested
    class Verify {
        final AgentCard signed = CardSignatures.sign(card(), KEY);

        @Test
        void acceptsItsOwnSignature() {
            assertThat(CardSignatures.verify(signed, KEY.publicKey()))
                    .containsExactly(
                            new CardSignatures.Valid(CardSignatures.keyId(KEY.publicKey())));
            var header = protectedHeader(signed.signatures().getFirst());
            assertThat(header)
                    .containsExactly(
                            Map.entry("alg", "EdDSA"),
                            Map.entry("kid", CardSignatures.keyId(KEY.publicKey())),
                            Map.entry("typ", "JOSE"));
        }

        @Test
        void survivesAJsonRoundTrip() {
            AgentCard back = Json.read(Json.bytes(signed), AgentCard.class);
            assertThat(CardSignatures.verify(back, KEY.publicKey()))
                    .allMatch(CardSignatures.Valid.class::isInstance);
        }

        @Test
        void hasNothingToSayAboutAnUnsignedCard() {
            assertThat(CardSignatures.verify(card(), KEY.publicKey())).isEmpty();
        }

        @Test
        void refusesATamperedCard() {
            AgentCard tampered =
                    Json.read(
                            Json.text(signed).replace("Forecasts", "Forecasts!"), AgentCard.class);
            assertThat(reasons(tampered, KEY))
                    .containsExactly(
                            "does not verify with the agent's key over the canonical card");
        }

        @Test
        void refusesAnotherKey() {
            assertThat(reasons(signed, OTHER))
                    .containsExactly(
                            "does not verify with the agent's key over the canonical card");
            assertThat(reasons(CardSignatures.sign(card(), OTHER), KEY)).hasSize(1);
        }

        @ParameterizedTest
        @ValueSource(strings = {"none", "HS256", "ES256", "RS256", "Ed25519"})
        void refusesOtherAlgorithms(String alg) {
            var entry = withHeader(Map.of("alg", alg, "kid", "k", "typ", "JOSE"));
            assertThat(reasonOf(entry))
                    .isEqualTo(
                            "alg is \"" + alg + "\"; only EdDSA (Ed25519) signatures are accepted");
        }

        @Test
        void refusesAnHmacEvenWithTheRightBytes() {
            // alg confusion: an HMAC keyed with the public key would "verify" in a naive library
            var entry = withHeader(Map.of("alg", "HS256", "kid", "k", "typ", "JOSE"));
            assertThat(reasonOf(entry)).startsWith("alg is \"HS256\"");
        }

        @Test
        void needsAlgKidAndTyp() {
            assertThat(reasonOf(withHeader(Map.of("kid", "k", "typ", "JOSE"))))
                    .isEqualTo("the protected header has no alg");
            assertThat(reasonOf(withHeader(Map.of("alg", "EdDSA", "typ", "JOSE"))))
                    .isEqualTo("the protected header has no kid");
            assertThat(reasonOf(withHeader(Map.of("alg", "EdDSA", "kid", "", "typ", "JOSE"))))
                    .isEqualTo("the protected header has no kid");
            assertThat(reasonOf(withHeader(Map.of("alg", "EdDSA", "kid", 7, "typ", "JOSE"))))
                    .isEqualTo("the protected header has no kid");
            assertThat(reasonOf(withHeader(Map.of("alg", "EdDSA", "kid", "k"))))
                    .isEqualTo("the protected header must have typ \"JOSE\"");
            assertThat(reasonOf(withHeader(Map.of("alg", "EdDSA", "kid", "k", "typ", "JWT"))))
                    .isEqualTo("the protected header must have typ \"JOSE\"");
        }

        @Test
        void refusesCriticalExtensionsAndRepeatedHeaderParameters() {
            var crit =
                    withHeader(
                            Map.of(
                                    "alg",
                                    "EdDSA",
                                    "kid",
                                    "k",
                                    "typ",
                                    "JOSE",
                                    "crit",
                                    List.of("b64"),
                                    "b64",
                                    false));
            assertThat(reasonOf(crit)).startsWith("crit names extensions");

            var original = signed.signatures().getFirst();
            var repeated =
                    new AgentCard.Signature(
                            original.protectedHeader(),
                            original.signature(),
                            Map.of("kid", "another"));
            assertThat(reasonOf(repeated)).startsWith("header repeats kid");
            var extra =
                    new AgentCard.Signature(
                            original.protectedHeader(),
                            original.signature(),
                            Map.of("note", "unprotected"));
            assertThat(reasonOf(extra)).isNull();
        }

        @Test
        void refusesMalformedEncodings() {
            var original = signed.signatures().getFirst();
            assertThat(reasonOf(new AgentCard.Signature(null, original.signature(), null)))
                    .isEqualTo("has no protected header");
            assertThat(reasonOf(new AgentCard.Signature("e30=", original.signature(), null)))
                    .isEqualTo("protected is not base64url without padding");
            assertThat(reasonOf(new AgentCard.Signature("e3+/", original.signature(), null)))
                    .isEqualTo("protected is not base64url without padding");
            assertThat(reasonOf(new AgentCard.Signature("bm90IGpzb24", original.signature(), null)))
                    .isEqualTo("the protected header is not a JSON object");
            assertThat(reasonOf(new AgentCard.Signature("WzFd", original.signature(), null)))
                    .isEqualTo("the protected header is not a JSON object");
            assertThat(reasonOf(new AgentCard.Signature(original.protectedHeader(), null, null)))
                    .isEqualTo("has no signature");
            assertThat(
                            reasonOf(
                                    new AgentCard.Signature(
                                            original.protectedHeader(),
                                            original.signature() + "==",
                                            null)))
                    .isEqualTo("signature is not 64 bytes in base64url without padding");
            assertThat(
                            reasonOf(
                                    new AgentCard.Signature(
                                            original.protectedHeader(),
                                            original.signature().substring(4),
                                            null)))
                    .isEqualTo("signature is not 64 bytes in base64url without padding");
            String standardBase64 =
                    Encoding.base64(Encoding.fromBase64Url(original.signature()).orElseThrow());
            if (standardBase64.matches(".*[+/].*")) {
                assertThat(
                                reasonOf(
                                        new AgentCard.Signature(
                                                original.protectedHeader(),
                                                standardBase64.replace("=", ""),
                                                null)))
                        .isEqualTo("signature is not 64 bytes in base64url without padding");
            }
        }

        @Test
        void checksEveryEntryOnItsOwn() {
            AgentCard twice = CardSignatures.sign(CardSignatures.sign(card(), OTHER), KEY);
            var checks = CardSignatures.verify(twice, KEY.publicKey());
            assertThat(checks).hasSize(2);
            assertThat(checks.get(0)).isInstanceOf(CardSignatures.Invalid.class);
            assertThat(checks.get(1)).isInstanceOf(CardSignatures.Valid.class);

            var withNull = new ArrayList<AgentCard.Signature>();
            withNull.add(null);
            withNull.addAll(signed.signatures());
            assertThat(CardSignatures.verify(signed.withSignatures(withNull), KEY.publicKey()))
                    .extracting(Object::getClass)
                    .containsExactly(CardSignatures.Invalid.class, CardSignatures.Valid.class);
        }

        @Test
        void refusesACardWithoutACanonicalForm() {
            AgentCard lone =
                    new AgentCard(
                            null,
                            "a\ud800",
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            signed.signatures(),
                            null,
                            null,
                            null,
                            null);
            assertThat(reasons(lone, KEY).getFirst()).startsWith("the card has no canonical form");
        }

        private String reasonOf(AgentCard.Signature entry) {
            var check =
                    CardSignatures.verify(entry, CardSignatures.payload(card()), KEY.publicKey());
            return check instanceof CardSignatures.Invalid(String reason) ? reason : null;
        }

        /** An entry with this protected header, signed correctly by KEY. */
        private AgentCard.Signature withHeader(Map<String, Object> header) {
            String protectedHeader = Encoding.base64Url(Json.bytes(header));
            byte[] signature =
                    KEY.sign(
                            CardSignatures.signingInput(
                                    protectedHeader, CardSignatures.payload(card())));
            return new AgentCard.Signature(protectedHeader, Encoding.base64Url(signature), null);
        }
    }

    private static List<String> reasons(AgentCard card, Ed25519.KeyPair key) {
        return CardSignatures.verify(card, key.publicKey()).stream()
                .map(c -> c instanceof CardSignatures.Invalid(String reason) ? reason : "valid")
                .toList();
    }

    private static Map<String, Object> protectedHeader(AgentCard.Signature entry) {
        return map(
                new String(
                        Encoding.fromBase64Url(entry.protectedHeader()).orElseThrow(),
                        StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(String json) {
        return new LinkedHashMap<>(Json.read(json, Map.class));
    }

    static String resource(String name) {
        try (InputStream in = CardSignaturesTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
