package io.peerclaw.shared.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class Ed25519Test {
    @Test
    void refusesKeysThatAreNotCurvePoints() {
        byte[] notAPoint = new byte[32];
        notAPoint[0] = 2; // y = 2 has no x on the curve
        assertThat(Ed25519.PublicKey.of(notAPoint)).isEmpty();
        assertThat(Ed25519.PublicKey.of(new byte[31])).isEmpty();
        assertThat(Ed25519.PublicKey.ofBase64("not base64!")).isEmpty();
    }

    @Test
    void interoperatesWithTheJdkImplementation() throws Exception {
        var pair = Ed25519.generate(new SecureRandom());
        byte[] message = "hello".getBytes();
        var jdkKey =
                java.security.KeyFactory.getInstance("Ed25519")
                        .generatePublic(
                                new java.security.spec.X509EncodedKeySpec(
                                        spki(pair.publicKey().raw())));
        var verifier = java.security.Signature.getInstance("Ed25519");
        verifier.initVerify(jdkKey);
        verifier.update(message);
        assertThat(verifier.verify(pair.sign(message))).isTrue();
    }

    @Test
    void rejectsSignaturesOfTheWrongLength() {
        var pair = Ed25519.generate(new SecureRandom());
        assertThat(pair.publicKey().verify(new byte[1], new byte[63])).isFalse();
        assertThat(pair.publicKey().verify(new byte[1], null)).isFalse();
    }

    private static byte[] spki(byte[] raw) {
        byte[] prefix = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
        byte[] out = new byte[prefix.length + raw.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(raw, 0, out, prefix.length, raw.length);
        return out;
    }
}
