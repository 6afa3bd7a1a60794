package io.peerclaw.node.gateway.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerclaw.node.gateway.CallState;
import io.peerclaw.node.gateway.Part;
import java.util.Optional;

/**
 * A2A 1.0 (ProtoJSON): a part is told apart by which member it has ({@code text}, {@code raw},
 * {@code url}, {@code data}), enums are {@code TASK_STATE_*} and {@code ROLE_*}, results and stream
 * events are wrapped in the name of what they hold.
 */
final class WireV1 extends Wire {
    static final WireV1 INSTANCE = new WireV1();
    private static final String STATE_PREFIX = "TASK_STATE_";

    private WireV1() {}

    @Override
    A2aVersion version() {
        return A2aVersion.V1_0;
    }

    @Override
    Part part(JsonNode part, String path) {
        String mediaType = blankToNull(text(part, path + ".mediaType"));
        String filename = blankToNull(text(part, path + ".filename"));
        object(part, path + ".metadata");
        int members = 0;
        for (String member : new String[] {"text", "raw", "url", "data"}) {
            if (part.hasNonNull(member)) {
                members++;
            }
        }
        if (members != 1) {
            throw invalid(path + " must have exactly one of text, raw, url and data");
        }
        if (part.hasNonNull("text")) {
            return new Part.Text(text(part, path + ".text"));
        }
        if (part.hasNonNull("raw")) {
            return new Part.FileBytes(
                    base64(text(part, path + ".raw"), path + ".raw"), mediaType, filename);
        }
        if (part.hasNonNull("url")) {
            String url = text(part, path + ".url");
            if (url.isBlank()) {
                throw invalid(path + ".url must not be empty");
            }
            return new Part.FileUrl(url, mediaType, filename);
        }
        return new Part.Data(part.get("data"));
    }

    @Override
    ObjectNode part(Part part) {
        ObjectNode out = NODES.objectNode();
        switch (part) {
            case Part.Text t -> out.put("text", t.text()).put("mediaType", "text/plain");
            case Part.Data d -> {
                out.set("data", d.value());
                out.put("mediaType", "application/json");
            }
            case Part.FileUrl f -> {
                out.put("url", f.url());
                file(out, f.mediaType(), f.name());
            }
            case Part.FileBytes f -> {
                out.put("raw", f.base64());
                file(out, f.mediaType(), f.name());
            }
        }
        return out;
    }

    private static void file(ObjectNode out, String mediaType, String name) {
        if (mediaType != null) {
            out.put("mediaType", mediaType);
        }
        if (name != null) {
            out.put("filename", name);
        }
    }

    @Override
    String state(CallState state) {
        return STATE_PREFIX + state.name();
    }

    /** A {@code TASK_STATE_*} name; empty for any other text and for UNSPECIFIED. */
    static Optional<CallState> parseState(String wire) {
        if (!wire.startsWith(STATE_PREFIX)) {
            return Optional.empty();
        }
        String name = wire.substring(STATE_PREFIX.length());
        for (CallState state : CallState.values()) {
            if (state.name().equals(name)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }

    @Override
    String role(boolean fromAgent) {
        return fromAgent ? "ROLE_AGENT" : "ROLE_USER";
    }

    @Override
    void kind(ObjectNode node, String kind) {
        // 1.0 tells objects apart by where they stand, not by a discriminator.
    }

    @Override
    boolean returnImmediately(JsonNode configuration) {
        return configurationFlag(configuration, "returnImmediately", false);
    }

    @Override
    String inlinePushConfig() {
        return "taskPushNotificationConfig";
    }

    @Override
    ObjectNode wrapped(ObjectNode object, String member) {
        ObjectNode out = NODES.objectNode();
        out.set(member, object);
        return out;
    }

    @Override
    void markLast(ObjectNode update, boolean last) {
        // 1.0 ends the stream instead.
    }

    @Override
    void flag(ObjectNode node, String member, boolean value) {
        if (value) {
            node.put(member, true);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
