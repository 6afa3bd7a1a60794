package io.peerclaw.node.gateway.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerclaw.node.gateway.CallState;
import io.peerclaw.node.gateway.Part;
import java.util.Locale;

/**
 * A2A 0.3: every object names its {@code kind}, states are lowercase and hyphenated, files sit in a
 * {@code file} member, results are bare, and the last status update of a stream says {@code final}.
 */
final class WireV03 extends Wire {
    static final WireV03 INSTANCE = new WireV03();

    private WireV03() {}

    @Override
    A2aVersion version() {
        return A2aVersion.V0_3;
    }

    @Override
    Part part(JsonNode part, String path) {
        object(part, path + ".metadata");
        String kind = text(part, path + ".kind");
        if (kind == null) {
            throw invalid(path + ".kind is required (text, file or data)");
        }
        return switch (kind) {
            case "text" -> {
                String text = text(part, path + ".text");
                if (text == null) {
                    throw invalid(path + ".text is required");
                }
                yield new Part.Text(text);
            }
            case "data" -> {
                if (!part.hasNonNull("data")) {
                    throw invalid(path + ".data is required");
                }
                yield new Part.Data(part.get("data"));
            }
            case "file" -> file(part, path);
            default -> throw invalid(path + ".kind must be text, file or data");
        };
    }

    private static Part file(JsonNode part, String path) {
        JsonNode file = object(part, path + ".file");
        if (file == null) {
            throw invalid(path + ".file is required");
        }
        String mimeType = text(file, path + ".file.mimeType");
        String name = text(file, path + ".file.name");
        String uri = text(file, path + ".file.uri");
        String bytes = text(file, path + ".file.bytes");
        if ((uri == null) == (bytes == null)) {
            throw invalid(path + ".file must have exactly one of uri and bytes");
        }
        if (uri != null) {
            if (uri.isBlank()) {
                throw invalid(path + ".file.uri must not be empty");
            }
            return new Part.FileUrl(uri, mimeType, name);
        }
        return new Part.FileBytes(base64(bytes, path + ".file.bytes"), mimeType, name);
    }

    @Override
    ObjectNode part(Part part) {
        ObjectNode out = NODES.objectNode();
        switch (part) {
            case Part.Text t -> out.put("kind", "text").put("text", t.text());
            case Part.Data d -> {
                out.put("kind", "data");
                // 0.3's DataPart holds an object; other JSON values travel wrapped.
                if (d.value().isObject()) {
                    out.set("data", d.value());
                } else {
                    out.putObject("data").set("value", d.value());
                }
            }
            case Part.FileUrl f -> {
                out.put("kind", "file");
                file(out.putObject("file").put("uri", f.url()), f.mediaType(), f.name());
            }
            case Part.FileBytes f -> {
                out.put("kind", "file");
                file(out.putObject("file").put("bytes", f.base64()), f.mediaType(), f.name());
            }
        }
        return out;
    }

    private static void file(ObjectNode file, String mediaType, String name) {
        if (mediaType != null) {
            file.put("mimeType", mediaType);
        }
        if (name != null) {
            file.put("name", name);
        }
    }

    @Override
    String state(CallState state) {
        return state.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    String role(boolean fromAgent) {
        return fromAgent ? "agent" : "user";
    }

    @Override
    void kind(ObjectNode node, String kind) {
        node.put("kind", kind);
    }

    /** 0.3 asks the inverse, {@code blocking}; like a2a-js, only {@code false} means don't wait. */
    @Override
    boolean returnImmediately(JsonNode configuration) {
        return !configurationFlag(configuration, "blocking", true);
    }

    @Override
    String inlinePushConfig() {
        return "pushNotificationConfig";
    }

    @Override
    ObjectNode wrapped(ObjectNode object, String member) {
        return object;
    }

    @Override
    void markLast(ObjectNode update, boolean last) {
        update.put("final", last);
    }

    @Override
    void flag(ObjectNode node, String member, boolean value) {
        node.put(member, value);
    }
}
