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
}
