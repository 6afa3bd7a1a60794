package io.peerclaw.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Follows the README's "Try it in two minutes" word for word: its first shell block starts the
 * program (with {@code ./peerclaw} replaced by this build's classes and the port by a free one),
 * the other blocks run in one bash session against it, and each block's output must be the text
 * block after it ({@code …} stands for anything that changes from run to run).
 */
class TryItInTwoMinutesIT {
    private static final Pattern BLOCK = Pattern.compile("```(sh|text)\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern STEP = Pattern.compile("@@step (\\d+) (\\d+)@@\\n");

    @TempDir Path temp;

    record Step(String script, String expected) {}

    @Test
    void theReadmeSectionWorksAsWritten() throws Exception {
        List<Step> steps = steps(section());
        assertThat(steps).hasSizeGreaterThanOrEqualTo(5);
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String program =
                "'"
                        + java
                        + "' -cp '"
                        + System.getProperty("java.class.path")
                        + "' "
                        + Main.class.getName();
        String start = steps.getFirst().script().replace("./peerclaw", program);
        assertThat(start).contains("--demo");

        var node = new ProcessBuilder("bash", "-c", "exec " + start.strip());
        node.environment().put("PEERCLAW_SERVER_HTTP_ADDR", "127.0.0.1:" + port);
        node.environment().put("TMPDIR", temp.toString());
        node.redirectErrorStream(true);
        Process process = node.start();
        var log = new CopyOnWriteArrayList<String>();
        Thread.ofVirtual()
                .start(
                        () -> {
                            try (var in =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    process.getInputStream(),
                                                    StandardCharsets.UTF_8))) {
                                in.lines().forEach(log::add);
                            } catch (IOException e) {
                                // the process ended
                            }
                        });
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (log.stream().noneMatch(l -> l.contains("demo agent \"echo-demo\" registered"))) {
                assertThat(process.isAlive()).as("the node runs; its log: %s", log).isTrue();
                assertThat(System.nanoTime())
                        .as("registered in time; log: %s", log)
                        .isLessThan(until);
                Thread.sleep(100);
            }
            var script = new StringBuilder();
            for (int i = 1; i < steps.size(); i++) {
                script.append(steps.get(i).script().replace("localhost:8080", "localhost:" + port))
                        .append("\necho \"@@step ")
                        .append(i)
                        .append(" $(date +%s%3N)@@\"\n");
            }
            // Beyond the README: the other two protocols answer too, at once and streamed.
            for (String protocol : List.of("mcp", "acp")) {
                for (String stream : List.of("false", "true")) {
                    script.append("echo \"@@extra ")
                            .append(protocol)
                            .append(' ')
                            .append(stream)
                            .append("@@\"\n")
                            .append("curl -s \"localhost:")
                            .append(port)
                            .append("/api/v1/invoke/$ID\" -H \"Authorization: Bearer $TOKEN\"")
                            .append(" -H 'Content-Type: application/json' -d '{\"message\":")
                            .append(" \"hi there\", \"protocol\": \"")
                            .append(protocol)
                            .append("\", \"stream\": ")
                            .append(stream)
                            .append("}'; echo\n");
                }
            }
            Files.writeString(temp.resolve("steps.sh"), script);
            var bash =
                    new ProcessBuilder("bash", temp.resolve("steps.sh").toString())
                            .redirectErrorStream(true)
                            .start();
            long began = System.currentTimeMillis();
            String output =
                    new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(bash.waitFor(60, TimeUnit.SECONDS)).isTrue();

            Matcher marks = STEP.matcher(output);
            int from = 0;
            long previous = began;
            int checked = 0;
            while (marks.find()) {
                int index = Integer.parseInt(marks.group(1));
                long at = Long.parseLong(marks.group(2));
                String said = output.substring(from, marks.start());
                Step step = steps.get(index);
                if (step.expected() != null) {
                    assertThat(said.strip())
                            .as("step %d:\n%s", index, step.script())
                            .matches(pattern(step.expected().strip()));
                    checked++;
                }
                if (step.script().contains("text/event-stream")) {
                    // several chunks, spaced in time, not one answer at once
                    assertThat(at - previous).as("the stream took its time").isGreaterThan(700);
                }
                from = marks.end();
                previous = at;
            }
            assertThat(checked)
                    .as("every step with an expected output ran; output:\n%s", output)
                    .isEqualTo(steps.stream().skip(1).filter(s -> s.expected() != null).count());
        } finally {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start) + start.length();
        int to = text.indexOf(end, from);
        return text.substring(from, to < 0 ? text.length() : to);
    }

    /** The README's section, up to the next heading of its level. */
    static String section() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("## Try it in two minutes");
        assertThat(start).as("the README has the section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    /** Each shell block with the text block right after it, if there is one. */
    static List<Step> steps(String section) {
        var steps = new ArrayList<Step>();
        Matcher blocks = BLOCK.matcher(section);
        while (blocks.find()) {
            if (blocks.group(1).equals("sh")) {
                steps.add(new Step(blocks.group(2), null));
            } else {
                Step last = steps.removeLast();
                steps.add(new Step(last.script(), blocks.group(2)));
            }
        }
        return steps;
    }

    /** The expected text as a pattern: literal, except that … matches anything on its line. */
    static String pattern(String expected) {
        var pattern = new StringBuilder();
        String[] literal = expected.split("…", -1);
        for (int i = 0; i < literal.length; i++) {
            if (i > 0) {
                pattern.append(".*");
            }
            pattern.append(Pattern.quote(literal[i]));
        }
        return pattern.toString();
    }
}
