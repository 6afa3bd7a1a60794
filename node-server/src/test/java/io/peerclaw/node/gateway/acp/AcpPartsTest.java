package io.peerclaw.node.gateway.acp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerclaw.node.gateway.Part;
import io.peerclaw.shared.json.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcpPartsTest {

    static JsonNode json(String text) {
        return Json.tree(text.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    static AcpParts.Input input(String messages) {
        return AcpParts.messages(json(messages), "input");
    }

    @Nested
    class In {
        @Test
        void textIsTheDefaultContentType() {
            var in =
                    input(
                            "[{'parts':[{'content':'hi'},{'content_type':'text/markdown','content':'"
                                + " **you**'}]}]");

            assertThat(in.parts()).containsExactly(new Part.Text("hi"), new Part.Text(" **you**"));
            assertThat(in.tool()).isNull();
        }

        @Test
        void jsonContentIsAJsonValue() {
            var in =
                    input(
                            "[{'role':'user','parts':[{'content_type':'application/json;"
                                + " charset=utf-8','content':'{\\'city\\':\\'Paris\\'}'},"
                                + "{'content_type':'application/ld+json','content':'[1,2]'}]}]");

            assertThat(in.parts())
                    .containsExactly(
                            new Part.Data(json("{'city':'Paris'}")), new Part.Data(json("[1,2]")));
        }

        @Test
        void filesComeByBase64OrUrl() {
            var in =
                    input(
                            "[{'parts':[{'content_type':'image/png','content':'iVBORw0KGgo=',"
                                + "'content_encoding':'base64','name':'pic.png'},"
                                + "{'content_type':'application/pdf','content_url':'https://example.com/a.pdf'}]}]");

            assertThat(in.parts())
                    .containsExactly(
                            new Part.FileBytes("iVBORw0KGgo=", "image/png", "pic.png"),
                            new Part.FileUrl("https://example.com/a.pdf", "application/pdf", null));
        }

        @Test
        void everyMessageOfTheInputIsContent() {
            var in =
                    input(
                            "[{'role':'user','parts':[{'content':'a'}]},"
                                    + "{'role':'agent/helper','parts':[{'content':'b'}]}]");

            assertThat(in.parts()).containsExactly(new Part.Text("a"), new Part.Text("b"));
        }

        @Test
        void aTrajectoryPartNamesTheToolAndItsArguments() {
            var in =
                    input(
                            "[{'parts':[{'metadata':{'kind':'trajectory','tool_name':'weather',"
                                    + "'tool_input':{'city':'Oslo','days':2}}}]}]");

            assertThat(in.tool()).isEqualTo("weather");
            assertThat(in.parts()).containsExactly(new Part.Data(json("{'city':'Oslo','days':2}")));
        }

        @Test
        void aTrajectoryPartWithContentKeepsItsContent() {
            var in =
                    input(
                            "[{'parts':[{'content':'Oslo','metadata':{'kind':'trajectory','tool_name':'echo'}},"
                                + "{'content':'!','metadata':{'kind':'citation','url':'https://x.org'}}]}]");

            assertThat(in.tool()).isEqualTo("echo");
            assertThat(in.parts()).containsExactly(new Part.Text("Oslo"), new Part.Text("!"));
        }

        @Test
        void emptyPartsAreDropped() {
            var in = input("[{'parts':[{'content_type':'text/plain'},{'content':'x'}]}]");

            assertThat(in.parts()).containsExactly(new Part.Text("x"));
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                textBlock =
                        """
                        {}                                                            | input must be a non-empty array
                        []                                                            | input must be a non-empty array
                        ['hi']                                                        | input[0] must be a message object
                        [{'parts':'hi'}]                                              | input[0].parts must be an array
                        [{'role':'robot','parts':[]}]                                 | input[0].role must be user, agent
                        [{'parts':['hi']}]                                            | input[0].parts[0] must be a message part
                        [{'parts':[{'content':3}]}]                                   | input[0].parts[0].content must be a string
                        [{'parts':[{'content':'a','content_url':'https://x.org'}]}]   | has both content and content_url
                        [{'parts':[{'content_url':'/relative'}]}]                     | content_url must be an absolute URL
                        [{'parts':[{'content':'%%%','content_encoding':'base64'}]}]   | content is not base64
                        [{'parts':[{'content':'x','content_encoding':'gzip'}]}]       | content_encoding must be plain or base64
                        [{'parts':[{'content_type':'application/json','content':'{'}]}] | content is not JSON
                        [{'parts':[{'content_type':'image/png','content':'xyz'}]}]    | image/png needs content_encoding base64
                        [{'parts':[{'content':'a','metadata':'x'}]}]                  | metadata must be an object
                        [{'parts':[{'metadata':{'kind':'trajectory','tool_name':7}}]}] | tool_name must be a tool
                        [{'parts':[{'metadata':{'kind':'trajectory','tool_name':'a','tool_input':[1]}}]}] | tool_input must be an object
                        [{'parts':[{'metadata':{'kind':'trajectory','tool_name':'a'}}]},{'parts':[{'metadata':{'kind':'trajectory','tool_name':'b'}}]}] | names two tools
                        """)
        void badInputIsInvalidInputNamingThePlace(String messages, String expected) {
            assertThatThrownBy(() -> input(messages))
                    .isInstanceOfSatisfying(
                            AcpError.class,
                            e -> {
                                assertThat(e.status()).isEqualTo(400);
                                assertThat(e.code()).isEqualTo(AcpError.Code.INVALID_INPUT);
                            })
                    .hasMessageContaining(expected.replace('\'', '"'));
        }
    }

    @Nested
    class Out {
        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                textBlock =
                        """
                        text  |        | {'content_type':'text/plain','content':'hi','content_encoding':'plain'}
                        text  | answer | {'content_type':'text/plain','content':'hi','content_encoding':'plain','name':'answer'}
                        data  |        | {'content_type':'application/json','content':'{\\'a\\':1}','content_encoding':'plain'}
                        url   |        | {'content_type':'image/png','content_url':'https://x.org/p.png','name':'p.png'}
                        url   | shots  | {'content_type':'image/png','content_url':'https://x.org/p.png','name':'shots'}
                        bytes |        | {'content_type':'application/octet-stream','content':'AAE=','content_encoding':'base64'}
                        relative |     | {'content_type':'text/plain','content':'p.png','content_encoding':'plain'}
                        """)
        void neutralPartsBecomeAcpParts(String kind, String artifact, String expected) {
            Part part =
                    switch (kind) {
                        case "text" -> new Part.Text("hi");
                        case "data" -> new Part.Data(json("{'a':1}"));
                        case "url" -> new Part.FileUrl("https://x.org/p.png", "image/png", "p.png");
                        case "bytes" -> new Part.FileBytes("AAE=", null, null);
                        case "relative" -> new Part.FileUrl("p.png", "image/png", null);
                        default -> throw new IllegalArgumentException(kind);
                    };

            assertThat((JsonNode) AcpParts.part(part, artifact)).isEqualTo(json(expected));
        }

        @Test
        void partsGoThereAndBackUnchanged() {
            var parts =
                    java.util.List.of(
                            new Part.Text("hello"),
                            new Part.Data(json("{'x':[1,2]}")),
                            new Part.FileBytes("AAE=", "image/png", "a.png"),
                            new Part.FileUrl("https://x.org/b.pdf", "application/pdf", "b.pdf"));
            var message = Json.mapper().createObjectNode();
            var array = message.putArray("parts");
            parts.forEach(p -> array.add(AcpParts.part(p, null)));

            assertThat(AcpParts.message(message, "m").parts()).isEqualTo(parts);
        }
    }
}
