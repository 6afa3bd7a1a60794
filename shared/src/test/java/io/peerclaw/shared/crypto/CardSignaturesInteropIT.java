package io.peerclaw.shared.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.model.AgentCard;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our card signatures against the official A2A JS SDK ({@code @a2a-js/sdk}, pinned in {@code
 * src/test/resources/a2a-interop/package-lock.json}): the SDK signs a card with a key this test
 * makes and we verify it; we sign and the SDK's {@code verifyAgentCardSignature} accepts it; both
 * canonicalise to the same bytes, and write thousands of random doubles alike.
 *
 * <p>Needs Node.js 20+ and the npm registry (or an already installed {@code target/a2a-interop});
 * skipped when {@code node} is not installed. {@code CardSignaturesTest} holds the same facts
 * offline, against a card the SDK signed once.
 */
class CardSignaturesInteropIT {
    private static final Path DIRECTORY = Path.of("target", "a2a-interop");
    private static final List<String> FILES =
            List.of("package.json", "package-lock.json", "card-signatures.mjs");

    @BeforeAll
    static void installTheSdk() throws IOException, InterruptedException {
        assumeTrue(
                succeeds(List.of("node", "--version")),
                "node is not installed; the A2A SDK interop check needs Node.js 20+");
        Files.createDirectories(DIRECTORY);
        for (String file : FILES) {
            try (InputStream in = resource("a2a-interop/" + file)) {
                Files.copy(in, DIRECTORY.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (!Files.isDirectory(DIRECTORY.resolve("node_modules/@a2a-js/sdk"))) {
            var result =
                    run(
                            List.of("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"),
                            new byte[0],
                            300);
            assertThat(result.exitCode())
                    .as("npm ci in %s failed:\n%s", DIRECTORY, result.errors())
                    .isZero();
        }
    }

    @Test
    void theSdkAndWeAcceptEachOthersSignatures() throws Exception {
        var key = Ed25519.generate(new SecureRandom());
        String kid = CardSignatures.keyId(key.publicKey());
        Map<String, Object> card = map(read("a2a-interop/card.json"));
        var signedByJava = new LinkedHashMap<>(card);
        var ours = CardSignatures.signature(CardSignatures.payload(card), key, kid);
        signedByJava.put("signatures", List.of(Json.convert(ours, Map.class)));

        var request = new LinkedHashMap<String, Object>();
        request.put("seed", Encoding.base64Url(key.seed()));
        request.put("publicKey", Encoding.base64Url(key.publicKey().raw()));
        request.put("kid", kid);
        request.put("card", card);
        request.put("signedByJava", signedByJava);
        var answer = sdk(request);

        assertThat(answer.get("canonical"))
                .isEqualTo(new String(CardSignatures.payload(card), StandardCharsets.UTF_8));
        assertThat(answer.get("javaSignatureAccepted")).isEqualTo(true);
        assertThat(answer.get("tamperedJavaSignatureAccepted")).isEqualTo(false);

        @SuppressWarnings("unchecked")
        var signedByJs = (Map<String, Object>) answer.get("signedByJs");
        AgentCard.Signature theirs =
                Json.convert(
                        ((List<?>) signedByJs.get("signatures")).getFirst(),
                        AgentCard.Signature.class);
        assertThat(
                        CardSignatures.verify(
                                theirs, CardSignatures.payload(signedByJs), key.publicKey()))
                .isEqualTo(new CardSignatures.Valid(kid));
        assertThat(theirs).isEqualTo(ours); // Ed25519 is deterministic
        assertThat(
                        CardSignatures.verify(
                                theirs,
                                CardSignatures.payload(card),
                                Ed25519.generate(new SecureRandom()).publicKey()))
                .isInstanceOf(CardSignatures.Invalid.class);
    }

    @Test
    void numbersAreWrittenAsJavaScriptWritesThem() throws Exception {
        var random = new Random();
        var bits = new ArrayList<String>();
        var values = new ArrayList<Double>();
        while (values.size() < 20_000) {
            // half anywhere, half among "ordinary" magnitudes where cards' numbers live
            double value =
                    values.size() % 2 == 0
                            ? Double.longBitsToDouble(random.nextLong())
                            : (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-9, 25));
            if (!Double.isNaN(value) && !Double.isInfinite(value)) {
                values.add(value);
                bits.add(HexFormat.of().toHexDigits(Double.doubleToRawLongBits(value)));
            }
        }
        var request = new LinkedHashMap<String, Object>();
        request.put("seed", Encoding.base64Url(new byte[32]));
        request.put(
                "publicKey", Encoding.base64Url(Ed25519.fromSeed(new byte[32]).publicKey().raw()));
        request.put("kid", "k");
        request.put("card", Map.of("name", "n"));
        request.put("signedByJava", Map.of("name", "n", "description", "d"));
        request.put("numbers", bits);
        var written = (List<?>) sdk(request).get("numbers");
        for (int i = 0; i < values.size(); i++) {
            assertThat(CanonicalJson.number(values.get(i)))
                    .as("bits %s", bits.get(i))
                    .isEqualTo(written.get(i));
        }
    }

    private static Map<String, Object> sdk(Map<String, Object> request)
            throws IOException, InterruptedException {
        var result = run(List.of("node", "card-signatures.mjs"), Json.bytes(request), 120);
        assertThat(result.exitCode()).as("node failed:\n%s", result.errors()).isZero();
        return map(result.output());
    }

    private record Result(int exitCode, String output, String errors) {}

    private static Result run(List<String> command, byte[] input, int timeoutSeconds)
            throws IOException, InterruptedException {
        Path errors = Files.createTempFile("a2a-interop", ".err");
        try {
            var process =
                    new ProcessBuilder(command)
                            .directory(DIRECTORY.toFile())
                            .redirectError(errors.toFile())
                            .start();
            try (var in = process.getOutputStream()) {
                in.write(input);
            }
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        command + " took longer than " + timeoutSeconds + " s");
            }
            return new Result(
                    process.exitValue(),
                    new String(output, StandardCharsets.UTF_8),
                    Files.readString(errors));
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    private static boolean succeeds(List<String> command) {
        try {
            var process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(String json) {
        return new LinkedHashMap<>(Json.read(json, Map.class));
    }

    private static String read(String name) {
        try (InputStream in = resource(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = CardSignaturesInteropIT.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("no test resource " + name);
        }
        return in;
    }
}
