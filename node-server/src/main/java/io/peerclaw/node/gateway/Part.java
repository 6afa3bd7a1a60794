package io.peerclaw.node.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** One piece of a message's content, independent of any protocol (protocols.md §4.2). */
public sealed interface Part {

    /** Plain text. */
    record Text(String text) implements Part {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A JSON value: tool arguments going in, structured results coming out. */
    record Data(JsonNode value) implements Part {
        public Data {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A file the receiver fetches itself. */
    record FileUrl(String url, String mediaType, String name) implements Part {
        public FileUrl {
            Objects.requireNonNull(url, "url");
        }
    }

    /** A file carried inline, base64-encoded. */
    record FileBytes(String base64, String mediaType, String name) implements Part {
        public FileBytes {
            Objects.requireNonNull(base64, "base64");
        }
    }

    /** The text of the parts that are text, joined without separators (chunks join this way). */
    static String text(java.util.List<? extends Part> parts) {
        var out = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Text t) {
                out.append(t.text());
            }
        }
        return out.toString();
    }
}
