package io.peerclaw.node.registry;

import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.net.AddressPolicy;
import io.peerclaw.shared.crypto.Ed25519;
import io.peerclaw.shared.crypto.Encoding;
import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.model.AgentCard;
import io.peerclaw.shared.model.AgentCard.Auth;
import io.peerclaw.shared.model.AgentCard.Endpoint;
import io.peerclaw.shared.model.AgentCard.PeerClawExtension;
import io.peerclaw.shared.model.AgentCard.Skill;
import io.peerclaw.shared.model.AgentCard.Tool;
import io.peerclaw.shared.model.AgentId;
import io.peerclaw.shared.model.AgentStatus;
import io.peerclaw.shared.model.Protocol;
import io.peerclaw.shared.model.Visibility;
import io.peerclaw.shared.protocol.api.Problem.FieldError;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a submitted card against the limits in {@code docs/api.md} and returns it normalised
 * (lists never null, duplicates dropped, defaults filled). Reports every bad field at once. Limits
 * are in UTF-8 bytes where the original project counted bytes.
 */
final class CardValidator {
    static final int NAME_BYTES = 256;
    static final int DESCRIPTION_BYTES = 8192;
    static final int VERSION_BYTES = 64;
    static final int CAPABILITIES = 50;
    static final int CAPABILITY_BYTES = 128;
    static final int PROTOCOLS = 10;
    static final int METADATA_KEYS = 50;
    static final int METADATA_KEY_BYTES = 128;
    static final int METADATA_VALUE_BYTES = 1024;
    static final int URL_CHARS = 2048;
    static final int SKILLS = 100;
    static final int TOOLS = 100;
    static final int SCHEMA_BYTES = 32 * 1024;
    static final int CARD_BYTES = 256 * 1024;
    static final int SIGNATURES = 10;
    static final Set<String> RESERVED_METADATA = Set.of("owner_user_id");

    private static final Set<String> TRANSPORTS = Set.of("http", "ws", "stdio", "grpc");
    private static final Set<String> AUTH_TYPES = Set.of("none", "bearer", "api_key", "mtls");
    private static final Set<String> NAT_TYPES =
            Set.of("full_cone", "restricted", "port_restricted", "symmetric", "none");
    private static final Set<String> RELAY_PREFERENCES = Set.of("direct", "relay", "auto");
    private static final Pattern SKILL_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    private final AddressPolicy addresses;

    CardValidator(AddressPolicy addresses) {
        this.addresses = addresses;
    }

    /** The card to store, or a 400 listing every problem. */
    AgentCard validate(AgentCard card, Ed25519.PublicKey signer) {
        var errors = new Errors();
        AgentId id = AgentId.of(signer);
        if (card.id() != null && !card.id().equals(id.value())) {
            errors.add("id", "must be the id derived from the public key (" + id + ") or left out");
        }
        if (card.publicKey() != null
                && !Encoding.fromBase64(card.publicKey())
                        .map(raw -> java.util.Arrays.equals(raw, signer.raw()))
                        .orElse(false)) {
            errors.add(
                    "public_key", "must be the key that signed the request (X-PeerClaw-PublicKey)");
        }
        text(errors, "name", card.name(), NAME_BYTES, true, false);
        text(errors, "description", card.description(), DESCRIPTION_BYTES, false, true);
        text(errors, "version", card.version(), VERSION_BYTES, false, false);
        List<String> capabilities =
                strings(
                        errors,
                        "capabilities",
                        card.capabilities(),
                        CAPABILITIES,
                        CAPABILITY_BYTES);
        List<String> protocols = protocols(errors, card.protocols());
        Endpoint endpoint = endpoint(errors, card.endpoint());
        Auth auth = auth(errors, card.auth());
        Map<String, String> metadata = metadata(errors, "metadata", card.metadata());
        PeerClawExtension peerclaw = peerclaw(errors, card.peerclaw());
        List<Skill> skills = skills(errors, card.skills());
        List<Tool> tools = tools(errors, card.tools());
        List<AgentCard.Signature> signatures = signatures(errors, card.signatures());
        String status = card.status() == null ? AgentStatus.ONLINE.wireName() : card.status();
        if (AgentStatus.parse(status).isEmpty()) {
            errors.add("status", "must be one of online, busy, degraded, offline");
        }
        String visibility =
                card.visibility() == null ? Visibility.PUBLIC.wireName() : card.visibility();
        if (Visibility.parse(visibility).isEmpty()) {
            errors.add("visibility", "must be public or private");
        }
        errors.throwIfAny();
        var normalised =
                new AgentCard(
                        id.value(),
                        card.name(),
                        card.description(),
                        card.version(),
                        signer.base64(),
                        capabilities,
                        skills,
                        tools,
                        endpoint,
                        protocols,
                        auth,
                        metadata,
                        peerclaw,
                        signatures,
                        status,
                        visibility,
                        null,
                        null);
        if (Json.bytes(normalised).length > CARD_BYTES) {
            throw ApiException.invalid(
                    ApiException.BODY, "is a card larger than " + CARD_BYTES / 1024 + " KiB");
        }
        return normalised;
    }

    /** Validates metadata sent with a heartbeat, merged into the stored card's. */
    Map<String, String> mergeMetadata(Map<String, String> stored, Map<String, String> update) {
        var merged = new LinkedHashMap<>(stored == null ? Map.<String, String>of() : stored);
        merged.putAll(update);
        var errors = new Errors();
        Map<String, String> result = metadata(errors, "metadata", merged);
        errors.throwIfAny();
        return result;
    }

    private static List<String> protocols(Errors errors, List<String> given) {
        if (given == null || given.isEmpty()) {
            errors.add("protocols", "must list at least one of a2a, mcp, acp");
            return List.of();
        }
        if (given.size() > PROTOCOLS) {
            errors.add("protocols", "must have at most " + PROTOCOLS + " entries");
        }
        var out = new LinkedHashSet<String>();
        for (int i = 0; i < given.size(); i++) {
            String protocol = given.get(i);
            if (Protocol.parse(protocol).isEmpty()) {
                errors.add("protocols[" + i + "]", "must be one of a2a, mcp, acp");
            } else {
                out.add(protocol);
            }
        }
        return List.copyOf(out);
    }

    private Endpoint endpoint(Errors errors, Endpoint endpoint) {
        if (endpoint == null || endpoint.url() == null || endpoint.url().isBlank()) {
            errors.add("endpoint.url", "is required");
            return endpoint;
        }
        checkUrl(errors, "endpoint.url", endpoint.url());
        if (endpoint.host() != null) {
            text(errors, "endpoint.host", endpoint.host(), 255, false, false);
        }
        if (endpoint.port() != null && (endpoint.port() < 0 || endpoint.port() > 65535)) {
            errors.add("endpoint.port", "must be from 0 to 65535");
        }
        if (endpoint.transport() != null && !TRANSPORTS.contains(endpoint.transport())) {
            errors.add(
                    "endpoint.transport",
                    "must be one of " + String.join(", ", sorted(TRANSPORTS)));
        }
        return endpoint;
    }

    private void checkUrl(Errors errors, String field, String url) {
        if (url.length() > URL_CHARS) {
            errors.add(field, "must be at most " + URL_CHARS + " characters");
            return;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            errors.add(field, "is not a valid URL");
            return;
        }
        String scheme =
                uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            errors.add(field, "must be an http or https URL");
            return;
        }
        if (uri.getRawUserInfo() != null) {
            errors.add(field, "must not contain credentials");
            return;
        }
        if (AddressPolicy.host(uri).isEmpty()) {
            errors.add(field, "must name a host");
            return;
        }
        if (uri.getRawFragment() != null) {
            errors.add(field, "must not have a fragment");
            return;
        }
        AddressPolicy.literalHost(uri)
                .filter(address -> !addresses.permits(address))
                .ifPresent(
                        address ->
                                errors.add(
                                        field,
                                        "points to "
                                                + address.getHostAddress()
                                                + ", which is not a public address (see"
                                                + " security.allowed_private_cidrs)"));
    }

    private static Auth auth(Errors errors, Auth auth) {
        if (auth == null) {
            return null;
        }
        if (auth.type() != null && !AUTH_TYPES.contains(auth.type())) {
            errors.add("auth.type", "must be one of " + String.join(", ", sorted(AUTH_TYPES)));
        }
        if (auth.params() != null && auth.params().size() > 20) {
            errors.add("auth.params", "must have at most 20 entries");
        }
        if (auth.params() != null) {
            auth.params()
                    .forEach(
                            (key, value) -> {
                                if (bytes(key) > METADATA_KEY_BYTES
                                        || value == null
                                        || bytes(value) > METADATA_VALUE_BYTES) {
                                    errors.add(
                                            "auth.params." + key,
                                            "keys are at most 128 bytes and values at most 1024"
                                                    + " bytes");
                                }
                            });
        }
        return auth;
    }

    private static Map<String, String> metadata(
            Errors errors, String field, Map<String, String> metadata) {
        if (metadata == null) {
            return Map.of();
        }
        if (metadata.size() > METADATA_KEYS) {
            errors.add(field, "must have at most " + METADATA_KEYS + " keys");
        }
        for (var entry : metadata.entrySet()) {
            String key = entry.getKey();
            if (key.isEmpty() || bytes(key) > METADATA_KEY_BYTES || hasControl(key, false)) {
                errors.add(
                        field + "." + key,
                        "keys are 1 to "
                                + METADATA_KEY_BYTES
                                + " bytes without control characters");
            } else if (RESERVED_METADATA.contains(key)) {
                errors.add(field + "." + key, "is reserved for the node");
            } else if (entry.getValue() == null) {
                errors.add(field + "." + key, "must be a string");
            } else if (bytes(entry.getValue()) > METADATA_VALUE_BYTES) {
                errors.add(field + "." + key, "must be at most " + METADATA_VALUE_BYTES + " bytes");
            }
        }
        var copy = new LinkedHashMap<String, String>();
        metadata.forEach(
                (key, value) -> {
                    if (value != null) {
                        copy.put(key, value);
                    }
                });
        return java.util.Collections.unmodifiableMap(copy);
    }

    private static PeerClawExtension peerclaw(Errors errors, PeerClawExtension ext) {
        if (ext == null) {
            return null;
        }
        if (ext.natType() != null && !NAT_TYPES.contains(ext.natType())) {
            errors.add(
                    "peerclaw.nat_type", "must be one of " + String.join(", ", sorted(NAT_TYPES)));
        }
        if (ext.relayPreference() != null && !RELAY_PREFERENCES.contains(ext.relayPreference())) {
            errors.add("peerclaw.relay_preference", "must be one of auto, direct, relay");
        }
        if (ext.priority() != null && (ext.priority() < -1000 || ext.priority() > 1000)) {
            errors.add("peerclaw.priority", "must be from -1000 to 1000");
        }
        strings(errors, "peerclaw.tags", ext.tags(), 20, 64);
        text(errors, "peerclaw.nostr_pubkey", ext.nostrPubkey(), 128, false, false);
        text(errors, "peerclaw.identity_anchor", ext.identityAnchor(), 256, false, false);
        relays(errors, "peerclaw.nostr_relays", ext.nostrRelays());
        relays(errors, "peerclaw.inbox_relays", ext.inboxRelays());
        return ext;
    }

    private static void relays(Errors errors, String field, List<String> relays) {
        List<String> checked = strings(errors, field, relays, 10, 256);
        for (int i = 0; i < checked.size(); i++) {
            if (!checked.get(i).matches("wss?://\\S+")) {
                errors.add(field + "[" + i + "]", "must be a ws:// or wss:// URL");
            }
        }
    }

    private static List<Skill> skills(Errors errors, List<Skill> skills) {
        if (skills == null) {
            return List.of();
        }
        if (skills.size() > SKILLS) {
            errors.add("skills", "must have at most " + SKILLS + " entries");
            return List.of();
        }
        var out = new ArrayList<Skill>();
        var ids = new LinkedHashSet<String>();
        for (int i = 0; i < skills.size(); i++) {
            Skill skill = skills.get(i);
            String at = "skills[" + i + "]";
            if (skill == null) {
                errors.add(at, "must be an object");
                continue;
            }
            text(errors, at + ".name", skill.name(), 128, true, false);
            if (skill.id() != null && !SKILL_ID.matcher(skill.id()).matches()) {
                errors.add(at + ".id", "must be 1 to 64 characters of [A-Za-z0-9_.-]");
            } else if (skill.id() != null && !ids.add(skill.id())) {
                errors.add(at + ".id", "repeats the id of another skill");
            }
            text(errors, at + ".description", skill.description(), 4096, false, true);
            out.add(
                    new Skill(
                            skill.id(),
                            skill.name(),
                            skill.description(),
                            strings(errors, at + ".tags", skill.tags(), 20, 64),
                            strings(errors, at + ".examples", skill.examples(), 20, 1024),
                            strings(errors, at + ".input_modes", skill.inputModes(), 10, 128),
                            strings(errors, at + ".output_modes", skill.outputModes(), 10, 128)));
        }
        return List.copyOf(out);
    }

    /**
     * Only the shape: whether they verify is {@link SignedCards}' question. Null when none, so an
     * unsigned card stores no empty list.
     */
    private static List<AgentCard.Signature> signatures(
            Errors errors, List<AgentCard.Signature> signatures) {
        if (signatures == null || signatures.isEmpty()) {
            return null;
        }
        if (signatures.size() > SIGNATURES) {
            errors.add("signatures", "must have at most " + SIGNATURES + " entries");
            return null;
        }
        for (int i = 0; i < signatures.size(); i++) {
            if (signatures.get(i) == null) {
                errors.add("signatures[" + i + "]", "must be an object");
            }
        }
        return signatures.stream().filter(java.util.Objects::nonNull).toList();
    }

    private static List<Tool> tools(Errors errors, List<Tool> tools) {
        if (tools == null) {
            return List.of();
        }
        if (tools.size() > TOOLS) {
            errors.add("tools", "must have at most " + TOOLS + " entries");
            return List.of();
        }
        var names = new LinkedHashSet<String>();
        for (int i = 0; i < tools.size(); i++) {
            Tool tool = tools.get(i);
            String at = "tools[" + i + "]";
            if (tool == null) {
                errors.add(at, "must be an object");
                continue;
            }
            if (tool.name() == null || !TOOL_NAME.matcher(tool.name()).matches()) {
                errors.add(at + ".name", "is required: 1 to 128 characters of [A-Za-z0-9_.-]");
            } else if (!names.add(tool.name())) {
                errors.add(at + ".name", "repeats the name of another tool");
            }
            text(errors, at + ".description", tool.description(), 4096, false, true);
            if (tool.inputSchema() != null) {
                Object type = tool.inputSchema().get("type");
                if (type != null && !"object".equals(type)) {
                    errors.add(at + ".input_schema.type", "must be \"object\"");
                }
                if (Json.bytes(tool.inputSchema()).length > SCHEMA_BYTES) {
                    errors.add(
                            at + ".input_schema",
                            "must be at most " + SCHEMA_BYTES / 1024 + " KiB");
                }
            }
        }
        return tools.stream().filter(java.util.Objects::nonNull).toList();
    }

    /**
     * A list of short strings: size and length limits, control characters refused, repeats dropped.
     */
    private static List<String> strings(
            Errors errors, String field, List<String> values, int maxItems, int maxBytes) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > maxItems) {
            errors.add(field, "must have at most " + maxItems + " entries");
            return List.of();
        }
        var out = new LinkedHashSet<String>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value == null || value.isBlank()) {
                errors.add(field + "[" + i + "]", "must not be empty");
            } else if (bytes(value) > maxBytes) {
                errors.add(field + "[" + i + "]", "must be at most " + maxBytes + " bytes");
            } else if (hasControl(value, false)) {
                errors.add(field + "[" + i + "]", "must not contain control characters");
            } else {
                out.add(value);
            }
        }
        return List.copyOf(out);
    }

    private static void text(
            Errors errors,
            String field,
            String value,
            int maxBytes,
            boolean required,
            boolean multiline) {
        if (value == null || value.isEmpty()) {
            if (required) {
                errors.add(field, "is required");
            }
            return;
        }
        if (required && value.isBlank()) {
            errors.add(field, "must not be blank");
        } else if (bytes(value) > maxBytes) {
            errors.add(field, "must be at most " + maxBytes + " bytes");
        } else if (hasControl(value, multiline)) {
            errors.add(field, "must not contain control or bidirectional-override characters");
        }
    }

    /** Control characters (Cc) and bidi overrides, which let a name display as something else. */
    private static boolean hasControl(String value, boolean allowLineBreaks) {
        return value.codePoints()
                .anyMatch(
                        c ->
                                (Character.getType(c) == Character.CONTROL
                                                && !(allowLineBreaks
                                                        && (c == '\n' || c == '\t' || c == '\r')))
                                        || (c >= 0x202A && c <= 0x202E)
                                        || (c >= 0x2066 && c <= 0x2069));
    }

    private static int bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

    /** Collects field errors and throws them together. */
    private static final class Errors {
        private final List<FieldError> list = new ArrayList<>();

        void add(String field, String message) {
            list.add(new FieldError(field, message));
        }

        void throwIfAny() {
            if (!list.isEmpty()) {
                throw ApiException.invalid(list);
            }
        }
    }
}
