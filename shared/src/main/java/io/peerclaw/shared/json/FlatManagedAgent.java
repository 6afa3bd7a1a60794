package io.peerclaw.shared.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.peerclaw.shared.model.AgentCard;
import io.peerclaw.shared.protocol.api.Admin.AgentFacts;
import io.peerclaw.shared.protocol.api.Admin.ManagedAgent;
import java.io.IOException;

/**
 * An {@link ManagedAgent} is one JSON object on the wire: the card's members, then the node's facts
 * (a fact replaces a card member of the same name). Clients read the card and the facts from the
 * same object, each ignoring the other's members.
 */
final class FlatManagedAgent {
    private FlatManagedAgent() {}

    static SimpleModule module() {
        return new SimpleModule("managed-agent")
                .addSerializer(ManagedAgent.class, new Writer())
                .addDeserializer(ManagedAgent.class, new Reader());
    }

    private static final class Writer extends StdSerializer<ManagedAgent> {
        private static final long serialVersionUID = 1L;

        Writer() {
            super(ManagedAgent.class);
        }

        @Override
        public void serialize(ManagedAgent value, JsonGenerator gen, SerializerProvider provider)
                throws IOException {
            // The writing mapper's own settings (null handling) apply to both halves.
            var mapper = gen.getCodec() instanceof ObjectMapper own ? own : Json.mapper();
            ObjectNode tree = mapper.valueToTree(value.card());
            ObjectNode facts = mapper.valueToTree(value.facts());
            facts.properties().forEach(member -> tree.set(member.getKey(), member.getValue()));
            gen.writeTree(tree);
        }
    }

    private static final class Reader extends StdDeserializer<ManagedAgent> {
        private static final long serialVersionUID = 1L;

        Reader() {
            super(ManagedAgent.class);
        }

        @Override
        public ManagedAgent deserialize(JsonParser p, DeserializationContext context)
                throws IOException {
            JsonNode tree = context.readTree(p);
            return new ManagedAgent(
                    context.readTreeAsValue(tree, AgentCard.class),
                    context.readTreeAsValue(tree, AgentFacts.class));
        }
    }
}
