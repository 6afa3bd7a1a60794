package io.peerclaw.node.registry;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.model.AgentCard;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * Writes agent cards as JSON, serialising a card's registered content once per version and view and
 * splicing in the fields that change with every heartbeat. A page of fifty cards then costs fifty
 * copies instead of fifty object-graph walks. The output is the same JSON the shared mapper writes
 * for {@link AgentCard} ({@code CardJsonTest} holds the two together).
 */
final class CardJson {
    private record Rendered(Instant updatedAt, byte[] fields) {}

    private final Cache<String, Rendered> rendered =
            Caffeine.newBuilder().maximumSize(400_000).build();

    /** One card, as the owner or as anyone else sees it. */
    byte[] card(StoredAgent agent, boolean owner) {
        var out = new ByteArrayOutputStream(1024);
        write(out, agent, owner);
        return out.toByteArray();
    }

    /** {@code {"<name>":[cards…]}}, with {@code next_page_token} when one is given. */
    byte[] list(
            String name,
            List<StoredAgent> agents,
            Predicate<StoredAgent> owner,
            String nextPageToken) {
        var out = new ByteArrayOutputStream(512 + agents.size() * 1024);
        ascii(out, "{\"" + name + "\":[");
        for (int i = 0; i < agents.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            write(out, agents.get(i), owner.test(agents.get(i)));
        }
        out.write(']');
        if (nextPageToken != null) {
            ascii(out, ",\"next_page_token\":");
            out.writeBytes(Json.bytes(nextPageToken));
        }
        out.write('}');
        return out.toByteArray();
    }

    private void write(ByteArrayOutputStream out, StoredAgent agent, boolean owner) {
        ascii(out, "{\"id\":\"" + agent.id() + "\",");
        out.writeBytes(fields(agent, owner));
        ascii(
                out,
                ",\"status\":\""
                        + agent.status()
                        + "\",\"visibility\":\""
                        + agent.visibility()
                        + "\",\"registered_at\":\""
                        + agent.registeredAt()
                        + "\",\"last_heartbeat\":\""
                        + agent.lastHeartbeat()
                        + "\"}");
    }

    /** The registered content of the card for one view, without its braces. */
    private byte[] fields(StoredAgent agent, boolean owner) {
        String key = agent.id() + (owner ? "|owner" : "|public");
        Rendered cached = rendered.getIfPresent(key);
        if (cached != null && cached.updatedAt().equals(agent.updatedAt())) {
            return cached.fields();
        }
        AgentCard visible = owner ? agent.card() : agent.card().publicView();
        byte[] json = Json.bytes(visible.withServerFields(null, null, null, null, null));
        byte[] fields = Arrays.copyOfRange(json, 1, json.length - 1);
        rendered.put(key, new Rendered(agent.updatedAt(), fields));
        return fields;
    }

    void forget(String agentId) {
        rendered.invalidate(agentId + "|owner");
        rendered.invalidate(agentId + "|public");
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
