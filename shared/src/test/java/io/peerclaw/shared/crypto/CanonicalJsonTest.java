package io.peerclaw.shared.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerclaw.shared.json.Json;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalJsonTest {
    private static Object parse(String json) {
        return Json.read(json.getBytes(StandardCharsets.UTF_8), Object.class);
    }

    /** RFC 8785 Appendix B: IEEE 754 bit patterns and their canonical text. */
    @ParameterizedTest
    @CsvSource({
        "0000000000000000, 0",
        "8000000000000000, 0",
        "0000000000000001, 5e-324",
        "8000000000000001, -5e-324",
        "7fefffffffffffff, 1.7976931348623157e+308",
        "ffefffffffffffff, -1.7976931348623157e+308",
        "4340000000000000, 9007199254740992",
        "c340000000000000, -9007199254740992",
        "4430000000000000, 295147905179352830000",
        "44b52d02c7e14af5, 9.999999999999997e+22",
        "44b52d02c7e14af6, 1e+23",
        "44b52d02c7e14af7, 1.0000000000000001e+23",
        "444b1ae4d6e2ef4e, 999999999999999700000",
        "444b1ae4d6e2ef4f, 999999999999999900000",
        "444b1ae4d6e2ef50, 1e+21",
        "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
        "3eb0c6f7a0b5ed8d, 0.000001",
        "41b3de4355555553, 333333333.3333332",
        "41b3de4355555554, 333333333.33333325",
        "41b3de4355555555, 333333333.3333333",
        "41b3de4355555556, 333333333.3333334",
        "41b3de4355555557, 333333333.33333343",
        "becbf647612f3696, -0.0000033333333333333333",
        "43143ff3c1cb0959, 1424953923781206.2"
    })
    void writesNumbersAsEcmaScriptDoes(String bits, String expected) {
        double value = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));
        assertThat(CanonicalJson.number(value)).isEqualTo(expected);
        assertThat(CanonicalJson.text(List.of(value))).isEqualTo("[" + expected + "]");
    }

    @ParameterizedTest
    @CsvSource({
        "1e21, 1e+21",
        "1e20, 100000000000000000000",
        "1e-7, 1e-7",
        "0.000001, 0.000001",
        "1E30, 1e+30",
        "4.50, 4.5",
        "2e-3, 0.002",
        "-0, 0",
        "-0.0, 0",
        "333333333.33333329, 333333333.3333333",
        "0.1, 0.1",
        "123456789012345680000, 123456789012345680000",
        "1.5e300, 1.5e+300",
        "9007199254740993, 9007199254740992",
        "18446744073709551616, 18446744073709552000",
        "2.5e-5, 0.000025",
        "1.25e-7, 1.25e-7"
    })
    void readsNumbersAsDoublesLikeAJavaScriptParser(String json, String expected) {
        assertThat(CanonicalJson.text(parse(json))).isEqualTo(expected);
    }

    @Test
    void integersOfEveryJavaTypeGoThroughDouble() {
        var values =
                List.of(
                        (byte) 7,
                        (short) -300,
                        42,
                        9_007_199_254_740_993L,
                        new BigInteger("100000000000000000000000"),
                        1.0f);
        assertThat(CanonicalJson.text(values)).isEqualTo("[7,-300,42,9007199254740992,1e+23,1]");
    }

    /** The shortest round-tripping digits, for many random doubles, against a slow search. */
    @Test
    void picksTheShortestDigitsThatReadBack() {
        var random = new Random(8785);
        for (int i = 0; i < 20_000; i++) {
            double value = Double.longBitsToDouble(random.nextLong());
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                continue;
            }
            String text = CanonicalJson.number(value);
            assertThat(Double.parseDouble(text)).as(text).isEqualTo(value == 0 ? 0.0 : value);
            int digits = significantDigits(text);
            assertThat(digits).as(text).isEqualTo(shortestLength(Math.abs(value)));
        }
    }

    private static int significantDigits(String text) {
        String mantissa = text.replace("-", "").split("e")[0].replace(".", "");
        return mantissa.replaceAll("^0+", "").replaceAll("0+$", "").length();
    }

    private static int shortestLength(double value) {
        for (int precision = 1; precision <= 17; precision++) {
            var exact = new java.math.BigDecimal(value);
            for (var mode : List.of(java.math.RoundingMode.FLOOR, java.math.RoundingMode.CEILING)) {
                var rounded = exact.round(new java.math.MathContext(precision, mode));
                if (rounded.doubleValue() == value) {
                    return rounded.stripTrailingZeros().precision();
                }
            }
        }
        throw new AssertionError("no decimal reads back as " + value);
    }

    /** RFC 8785 §3.2.2's example. */
    @Test
    void canonicalisesTheRfcExample() {
        String input =
                """
                {
                  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
                  "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
                  "literals": [null, true, false]
                }
                """;
        assertThat(CanonicalJson.text(parse(input)))
                .isEqualTo(
                        "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\"string\":\"€$\\u000f\\n"
                            + "A'B\\\"\\\\\\\\\\\"/\"}");
    }

    /** RFC 8785 §3.2.3: names are sorted as UTF-16 code units, not code points. */
    @Test
    void sortsNamesByUtf16CodeUnits() {
        String input =
                """
                {
                  "\\u20ac": "Euro Sign",
                  "\\r": "Carriage Return",
                  "\\ufb33": "Hebrew Letter Dalet With Dagesh",
                  "1": "One",
                  "\\ud83d\\ude00": "Emoji: Grinning Face",
                  "\\u0080": "Control",
                  "\\u00f6": "Latin Small Letter O With Diaeresis"
                }
                """;
        @SuppressWarnings("unchecked")
        var sorted = (Map<String, Object>) parse(CanonicalJson.text(parse(input)));
        assertThat(new ArrayList<>(sorted.values()))
                .containsExactly(
                        "Carriage Return",
                        "One",
                        "Control",
                        "Latin Small Letter O With Diaeresis",
                        "Euro Sign",
                        "Emoji: Grinning Face",
                        "Hebrew Letter Dalet With Dagesh");
        assertThat(CanonicalJson.text(parse(input))).startsWith("{\"\\r\":\"Carriage Return\",");
    }

    @Test
    void escapesOnlyWhatJsonStringifyEscapes() {
        var value = new LinkedHashMap<String, Object>();
        value.put("s", "\"\\/\b\f\n\r\t\u0000\u001f\u007f\u00e9\u2028😀<>&'");
        assertThat(CanonicalJson.text(value))
                .isEqualTo(
                        "{\"s\":\"\\\"\\\\/\\b\\f\\n"
                                + "\\r"
                                + "\\t\\u0000\\u001f\u007f\u00e9\u2028😀<>&'\"}");
        assertThat(HexFormat.of().formatHex(CanonicalJson.bytes("é")))
                .isEqualTo("22c3a922"); // UTF-8
    }

    @Test
    void writesNestedValuesWithoutWhiteSpace() {
        assertThat(
                        CanonicalJson.text(
                                parse(
                                        "{ \"b\" : [ 1 , { \"d\" : true , \"c\" : null } ] , \"a\""
                                                + " : \"\" }")))
                .isEqualTo("{\"a\":\"\",\"b\":[1,{\"c\":null,\"d\":true}]}");
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void refusesNumbersJsonCannotHold(double value) {
        assertThatThrownBy(() -> CanonicalJson.text(List.of(value)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesUnpairedSurrogatesAndNonJsonValues() {
        assertThatThrownBy(() -> CanonicalJson.text("a\ud800b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate");
        assertThatThrownBy(() -> CanonicalJson.text("\udc00"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.text(Map.of(1, "x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.text(new Object()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
