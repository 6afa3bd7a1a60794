package io.peerclaw.shared.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EncodingTest {
    /** RFC 4648 §10 test vectors, lowercased and without padding. */
    @ParameterizedTest
    @CsvSource({
        "'', ''",
        "f, my",
        "fo, mzxq",
        "foo, mzxw6",
        "foob, mzxw6yq",
        "fooba, mzxw6ytb",
        "foobar, mzxw6ytboi"
    })
    void base32MatchesRfc4648(String input, String expected) {
        assertThat(Encoding.base32Lower(input.getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"abc", "zz", "0"})
    void rejectsMalformedHex(String text) {
        assertThat(Encoding.fromHex(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "'', ''",
        "00, 1",
        "000001, 112",
        "61, 2g",
        "626262, a3gV",
        "68656c6c6f20776f726c64, StV1DL6CwTryKyV"
    })
    void base58MatchesBitcoinsAlphabet(String hex, String expected) {
        assertThat(Encoding.base58btc(java.util.HexFormat.of().parseHex(hex))).isEqualTo(expected);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {"e30=", "e3+/", "e3 0", "a", "e30.", "e30\n"})
    void strictBase64UrlRefusesPaddingAndOtherAlphabets(String text) {
        assertThat(Encoding.fromBase64UrlStrict(text)).isEmpty();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"e30", "", "_-8", "AAECAw"})
    void strictBase64UrlReadsJoseText(String text) {
        assertThat(Encoding.fromBase64UrlStrict(text)).isPresent();
    }
}
