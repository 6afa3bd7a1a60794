package io.peerclaw.node.gateway.acp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerclaw.node.gateway.Part;
import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.json.JsonReadException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * ACP message parts to the gateway's neutral parts and back (protocols.md §4.2).
 *
 * <p>Going in: text types become text, {@code application/json} (and {@code +json}) content a JSON
 * value, {@code content_encoding: base64} inline bytes, {@code content_url} a file by URL. Other
 * types need base64 or a URL. ACP messages carry no metadata, so the tool of an agent with several
 * is named the way ACP names tools: a part's {@code TrajectoryMetadata} ({@code {"kind":
 * "trajectory", "tool_name": ..., "tool_input": {...}}}); its {@code tool_input} are the arguments.
 * Such a part carries no content of its own unless it has some.
 */
final class AcpParts {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern ROLE = Pattern.compile("user|agent(/[a-zA-Z0-9_\\-]+)?");
    private static final String OCTETS = "application/octet-stream";

    private AcpParts() {}

    /**
     * The content of a run's input (or of a resume's message) and the tool it names, if any.
     *
     * @param tool the tool named by trajectory metadata, or null
     */
    record Input(List<Part> parts, String tool) {
        Input {
            parts = List.copyOf(parts);
        }
    }

    /**
     * Reads input messages; every message's parts, in order, make the call's content.
     *
     * @param field the messages' place in the body, for error messages
     * @throws AcpError 400 {@code invalid_input} naming what is wrong
     */
    static Input messages(JsonNode messages, String field) {
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw AcpError.invalid(field + " must be a non-empty array of messages");
        }
        var parts = new ArrayList<Part>();
        String tool = null;
        for (int m = 0; m < messages.size(); m++) {
            Input one = message(messages.get(m), field + "[" + m + "]");
            parts.addAll(one.parts());
            tool = sameTool(tool, one.tool(), field);
        }
        return new Input(parts, tool);
    }

    /** Reads one message; see {@link #messages}. */
    static Input message(JsonNode message, String field) {
        if (message == null || !message.isObject()) {
            throw AcpError.invalid(field + " must be a message object");
        }
        JsonNode role = message.get("role");
        if (role != null
                && !role.isNull()
                && !(role.isTextual() && ROLE.matcher(role.asText()).matches())) {
            throw AcpError.invalid(field + ".role must be user, agent or agent/{name}");
        }
        JsonNode parts = message.get("parts");
        if (parts == null || !parts.isArray()) {
            throw AcpError.invalid(field + ".parts must be an array of message parts");
        }
        var out = new ArrayList<Part>();
        String tool = null;
        for (int p = 0; p < parts.size(); p++) {
            String where = field + ".parts[" + p + "]";
            JsonNode part = parts.get(p);
            if (!part.isObject()) {
                throw AcpError.invalid(where + " must be a message part object");
            }
            tool = sameTool(tool, trajectory(part, where, out), field);
            content(part, where).ifPresent(out::add);
        }
        return new Input(out, tool);
    }

    private static String sameTool(String known, String named, String field) {
        if (named == null) {
            return known;
        }
        if (known != null && !known.equals(named)) {
            throw AcpError.invalid(
                    field
                            + " names two tools ('"
                            + known
                            + "' and '"
                            + named
                            + "'); one run calls one");
        }
        return named;
    }

    /** The tool a trajectory part names (its arguments added to {@code out}), or null. */
    private static String trajectory(JsonNode part, String where, List<Part> out) {
        JsonNode metadata = part.get("metadata");
        if (metadata == null || metadata.isNull()) {
            return null;
        }
        if (!metadata.isObject()) {
            throw AcpError.invalid(where + ".metadata must be an object");
        }
        if (!"trajectory".equals(metadata.path("kind").asText())) {
            return null;
        }
        JsonNode name = metadata.get("tool_name");
        if (name == null || name.isNull()) {
            return null;
        }
        if (!name.isTextual() || name.asText().isBlank()) {
            throw AcpError.invalid(where + ".metadata.tool_name must be a tool's name");
        }
        JsonNode input = metadata.get("tool_input");
        if (input != null && !input.isNull()) {
            if (!input.isObject()) {
                throw AcpError.invalid(where + ".metadata.tool_input must be an object");
            }
            out.add(new Part.Data(input));
        }
        return name.asText();
    }

    private static Optional<Part> content(JsonNode part, String where) {
        String type = text(part, "content_type", where);
        String content = text(part, "content", where);
        String url = text(part, "content_url", where);
        String encoding = text(part, "content_encoding", where);
        String name = text(part, "name", where);
        if (encoding != null && !encoding.equals("plain") && !encoding.equals("base64")) {
            throw AcpError.invalid(where + ".content_encoding must be plain or base64");
        }
        if (content != null && url != null) {
            throw AcpError.invalid(where + " has both content and content_url; send one");
        }
        String mediaType = type == null ? "text/plain" : type;
        if (url != null) {
            if (!absolute(url)) {
                throw AcpError.invalid(where + ".content_url must be an absolute URL");
            }
            return Optional.of(new Part.FileUrl(url, mediaType, name));
        }
        if (content == null) {
            return Optional.empty();
        }
        if ("base64".equals(encoding)) {
            try {
                Base64.getDecoder().decode(content);
            } catch (IllegalArgumentException e) {
                throw AcpError.invalid(where + ".content is not base64");
            }
            return Optional.of(new Part.FileBytes(content, mediaType, name));
        }
        String base = baseType(mediaType);
        if (base.equals("application/json") || base.endsWith("+json")) {
            try {
                return Optional.of(
                        new Part.Data(Json.tree(content.getBytes(StandardCharsets.UTF_8))));
            } catch (JsonReadException e) {
                throw AcpError.invalid(where + ".content is not JSON (content_type " + type + ")");
            }
        }
        if (base.startsWith("text/")) {
            return Optional.of(new Part.Text(content));
        }
        throw AcpError.invalid(
                where
                        + ".content_type "
                        + type
                        + " needs content_encoding base64 or a content_url; plain content is"
                        + " text or JSON");
    }

    private static String text(JsonNode part, String member, String where) {
        JsonNode value = part.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw AcpError.invalid(where + "." + member + " must be a string");
        }
        return value.asText();
    }

    private static String baseType(String mediaType) {
        int semicolon = mediaType.indexOf(';');
        return (semicolon < 0 ? mediaType : mediaType.substring(0, semicolon))
                .strip()
                .toLowerCase(Locale.ROOT);
    }

    private static boolean absolute(String url) {
        try {
            URI uri = new URI(url);
            return uri.isAbsolute() && uri.getScheme() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ out

    /**
     * A neutral part as an ACP message part.
     *
     * @param artifact the name of the artifact it belongs to (which makes it an ACP artifact), or
     *     null
     */
    static ObjectNode part(Part part, String artifact) {
        ObjectNode out = NODES.objectNode();
        String name = artifact;
        switch (part) {
            case Part.Text t ->
                    out.put("content_type", "text/plain")
                            .put("content", t.text())
                            .put("content_encoding", "plain");
            case Part.Data d ->
                    out.put("content_type", "application/json")
                            .put("content", Json.text(d.value()))
                            .put("content_encoding", "plain");
            case Part.FileUrl f -> {
                if (absolute(f.url())) {
                    out.put("content_type", f.mediaType() == null ? OCTETS : f.mediaType())
                            .put("content_url", f.url());
                } else {
                    // Clients check content_url as a URL; a relative one stays readable as text.
                    out.put("content_type", "text/plain")
                            .put("content", f.url())
                            .put("content_encoding", "plain");
                }
                name = name == null ? f.name() : name;
            }
            case Part.FileBytes f -> {
                out.put("content_type", f.mediaType() == null ? OCTETS : f.mediaType())
                        .put("content", f.base64())
                        .put("content_encoding", "base64");
                name = name == null ? f.name() : name;
            }
        }
        if (name != null) {
            out.put("name", name);
        }
        return out;
    }
}
