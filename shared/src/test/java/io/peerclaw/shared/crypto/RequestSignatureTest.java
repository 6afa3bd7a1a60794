package io.peerclaw.shared.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.shared.model.AgentId;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Checks against the independently computed vector in docs/request-signatures.md. */
class RequestSignatureTest {
    static final byte[] SEED =
            HexFormat.of()
                    .parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    static final String PATH = "/api/v1/agents/kzdvvj2umnduyauf35o36k6kw462mujv/heartbeat";
    static final byte[] BODY = "{\"status\":\"online\"}".getBytes(StandardCharsets.UTF_8);

    final Ed25519.KeyPair key = Ed25519.fromSeed(SEED);

    @Test
    void derivesTheVectorsPublicKeyAndAgentId() {
        assertThat(Encoding.hex(key.publicKey().raw()))
                .isEqualTo("03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8");
        assertThat(key.publicKey().base64())
                .isEqualTo("A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=");
        assertThat(AgentId.of(key.publicKey()).value())
                .isEqualTo("kzdvvj2umnduyauf35o36k6kw462mujv");
    }

    @Test
    void buildsTheSixLineMessage() {
        String message =
                new String(
                        RequestSignature.message(
                                "post", PATH, 1764100000L, "n0nce-0123456789abcdef", BODY),
                        StandardCharsets.UTF_8);
        assertThat(message)
                .isEqualTo(
                        "PEERCLAW-SIG-V1\nPOST\n"
                                + PATH
                                + "\n"
                                + "1764100000\n"
                                + "n0nce-0123456789abcdef\n"
                                + "89aab18cf5bc3c9d18086d537efe50cb29fb193c99aac895502cd0d95f630faa");
    }

    @Test
    void signsExactlyAsTheVector() {
        var headers =
                RequestSignature.headers(
                        key, "POST", PATH, 1764100000L, "n0nce-0123456789abcdef", BODY);
        assertThat(headers)
                .containsEntry(
                        RequestSignature.HEADER_SIGNATURE,
                        "mQXYp/ySBYR+zirhBFAVtMAEWZbAJBFGnWr0X03QQZLPHGw9WfOfgmiwTnn8x0wDMg0G+i6skKva8ar1x6DoCA==")
                .containsEntry(RequestSignature.HEADER_AGENT_ID, "kzdvvj2umnduyauf35o36k6kw462mujv")
                .containsEntry(RequestSignature.HEADER_TIMESTAMP, "1764100000");
    }

    @Test
    void emptyBodyDigestsToTheEmptyHash() {
        String message =
                new String(
                        RequestSignature.message(
                                "GET", "/x", 1, "n0nce-0123456789abcdef", new byte[0]),
                        StandardCharsets.UTF_8);
        assertThat(message)
                .endsWith("\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void verifiesTheVectorChallengeSignatureAndRejectsATamperedOne() {
        byte[] challenge = "0".repeat(64).getBytes(StandardCharsets.US_ASCII);
        byte[] signature =
                Encoding.fromBase64(
                                "IYIfC38DUbdGsy8m1gzcO2AIggb8waHjwZB5tIB21DigsQGITv6iWiotxQ+ow+CWddabf1ZPpLThnCE+W3+UAg==")
                        .orElseThrow();
        assertThat(key.publicKey().verify(challenge, signature)).isTrue();
        assertThat(Encoding.hex(key.sign(challenge)))
                .isEqualTo(
                        "21821f0b7f0351b746b32f26d60cdc3b60088206fcc1a1e3c19079b48076d438"
                            + "a0b101884efea25a2a2dc50fa8c3e09675d69b7f564fa4b4e19c213e5b7f9402");
        signature[10] ^= 1;
        assertThat(key.publicKey().verify(challenge, signature)).isFalse();
    }

    @Test
    void acceptsOnlyWellFormedNonces() {
        assertThat(RequestSignature.isWellFormedNonce("n0nce-0123456789abcdef")).isTrue();
        assertThat(RequestSignature.isWellFormedNonce("a".repeat(16))).isTrue();
        assertThat(RequestSignature.isWellFormedNonce("a".repeat(64))).isTrue();
        assertThat(RequestSignature.isWellFormedNonce("a".repeat(15))).isFalse();
        assertThat(RequestSignature.isWellFormedNonce("a".repeat(65))).isFalse();
        assertThat(RequestSignature.isWellFormedNonce("abcdefghijklmnop!")).isFalse();
        assertThat(RequestSignature.isWellFormedNonce(null)).isFalse();
    }
}
