package io.peerclaw.shared.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.peerclaw.shared.model.AgentCard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON mapping used on every wire: snake_case names, ISO-8601 UTC timestamps ({@code …Z}),
 * absent fields left out, unknown fields ignored (so newer clients keep working), and duplicate
 * keys refused (so two parsers can never read one body differently). One name is not the snake case
 * of its component: a card signature's {@code protected} (A2A's name, a Java keyword); one record
 * is not an object of its components: an admin's view of an agent is its card's members and the
 * node's facts in one object ({@link FlatManagedAgent}).
 */
public final class Json {
    private static final JsonMapper MAPPER =
            JsonMapper.builder(
                            // Buffers from one shared pool, not one set per thread: the node runs
                            // every connection on its own virtual thread, and a thread-local pool
                            // kept about 8 KB of buffers alive per open WebSocket.
                            JsonFactory.builder()
                                    .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
                                    .build())
                    .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .addModule(new JavaTimeModule())
                    .addModule(FlatManagedAgent.module())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                    .defaultPropertyInclusion(
                            JsonInclude.Value.construct(
                                    JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
                    .withCoercionConfig(
                            LogicalType.Textual,
                            text ->
                                    text.setCoercion(
                                                    CoercionInputShape.Integer, CoercionAction.Fail)
                                            .setCoercion(
                                                    CoercionInputShape.Float, CoercionAction.Fail)
                                            .setCoercion(
                                                    CoercionInputShape.Boolean,
                                                    CoercionAction.Fail))
                    .addMixIn(AgentCard.Signature.class, SignatureNames.class)
                    .build();

    /** A2A names a card signature's protected header {@code protected}, a Java keyword. */
    private abstract static class SignatureNames {
        @JsonProperty("protected")
        abstract String protectedHeader();
    }

    /** At most this many members are named in one answer: each costs another binding. */
    private static final int MOST_MISMATCHES = 20;

    private Json() {}

    /** The configured mapper, for code that needs streaming or tree access. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getName(), e);
        }
    }

    /**
     * Writes {@code value} (which must map to a JSON object) with more members after its own; a
     * member of {@code extra} replaces one of the same name.
     */
    public static byte[] bytesWith(Object value, java.util.Map<String, ?> extra) {
        return bytes(treeWith(value, extra));
    }

    /** As {@link #bytesWith}, as a tree: for protocols that embed the document in their own. */
    public static com.fasterxml.jackson.databind.node.ObjectNode treeWith(
            Object value, java.util.Map<String, ?> extra) {
        com.fasterxml.jackson.databind.node.ObjectNode tree = MAPPER.valueToTree(value);
        extra.forEach((name, member) -> tree.set(name, MAPPER.valueToTree(member)));
        return tree;
    }

    /** A value as the tree its JSON would parse to. */
    public static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    public static String text(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getName(), e);
        }
    }

    /**
     * Reads a value; a malformed document or a type mismatch throws {@link JsonReadException}
     * naming every member that is wrong.
     */
    public static <T> T read(byte[] json, Class<T> type) {
        return bind(MAPPER.readerFor(type), json);
    }

    /**
     * Reads a value refusing members the type does not have: for bodies of our own routes, where a
     * misspelt field would otherwise be silently ignored.
     */
    public static <T> T readStrict(byte[] json, Class<T> type) {
        return bind(
                MAPPER.readerFor(type).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES),
                json);
    }

    public static <T> T read(String json, Class<T> type) {
        return bind(MAPPER.readerFor(type), json.getBytes(StandardCharsets.UTF_8));
    }

    private static <T> T bind(ObjectReader reader, byte[] json) {
        try {
            return reader.readValue(json);
        } catch (IOException e) {
            throw everyMismatch(reader, json, e);
        }
    }

    /**
     * The first failure and, when it is about one member, every other member that is wrong: Jackson
     * stops at the first, so each one found is set aside in a tree of the document and the tree
     * bound again, until it binds or a failure repeats or is about the document as a whole.
     */
    private static JsonReadException everyMismatch(
            ObjectReader reader, byte[] json, IOException first) {
        if (!JsonReadException.aboutAMember(first)) {
            return JsonReadException.from(first);
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (IOException e) {
            return JsonReadException.from(first);
        }
        var found = new ArrayList<JsonReadException.Mismatch>();
        IOException failure = first;
        for (int binding = 0;
                binding < 2 * MOST_MISMATCHES
                        && failure instanceof JsonMappingException member
                        && JsonReadException.aboutAMember(member);
                binding++) {
            var mismatch = JsonReadException.mismatch(member);
            boolean again = found.stream().anyMatch(m -> m.field().equals(mismatch.field()));
            // A primitive set aside is missing, refused as null: a stand-in lets binding go on.
            JsonNode replacement = again ? standIn(member) : null;
            if (again && replacement == null
                    || !replace(tree, member.getPath(), replacement)
                    || found.size() == MOST_MISMATCHES) {
                break;
            }
            if (!again) {
                found.add(mismatch);
            }
            try {
                reader.readValue(tree);
                failure = null;
            } catch (IOException e) {
                failure = e;
            }
        }
        return found.isEmpty()
                ? JsonReadException.from(first)
                : new JsonReadException(List.copyOf(found));
    }

    /** A value of a primitive member's type, or null for other members. */
    private static JsonNode standIn(JsonMappingException e) {
        if (!(e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch)
                || mismatch.getTargetType() == null
                || !mismatch.getTargetType().isPrimitive()) {
            return null;
        }
        Class<?> type = mismatch.getTargetType();
        if (type == boolean.class) {
            return com.fasterxml.jackson.databind.node.BooleanNode.FALSE;
        }
        return type == char.class
                ? com.fasterxml.jackson.databind.node.TextNode.valueOf("_")
                : com.fasterxml.jackson.databind.node.IntNode.valueOf(0);
    }

    /**
     * Sets the member at {@code path} to {@code value}, or with null takes it out (an array element
     * becomes null, so later indexes keep their numbers); false when the path is not in the tree.
     */
    private static boolean replace(
            JsonNode root, List<JsonMappingException.Reference> path, JsonNode value) {
        JsonNode parent = root;
        for (var step : path.subList(0, path.size() - 1)) {
            parent =
                    step.getFieldName() != null
                            ? parent.get(step.getFieldName())
                            : parent.get(step.getIndex());
            if (parent == null) {
                return false;
            }
        }
        var last = path.getLast();
        if (last.getFieldName() != null && parent instanceof ObjectNode object) {
            if (value != null) {
                object.set(last.getFieldName(), value);
                return true;
            }
            return object.remove(last.getFieldName()) != null;
        }
        if (last.getFieldName() == null
                && parent instanceof ArrayNode array
                && last.getIndex() >= 0
                && last.getIndex() < array.size()) {
            array.set(last.getIndex(), value == null ? NullNode.getInstance() : value);
            return true;
        }
        return false;
    }

    public static JsonNode tree(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw JsonReadException.from(e);
        }
    }

    public static <T> T convert(Object value, Class<T> type) {
        try {
            return MAPPER.convertValue(value, type);
        } catch (IllegalArgumentException e) {
            throw new UncheckedIOException(new IOException(e.getMessage(), e));
        }
    }
}
