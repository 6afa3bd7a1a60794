package io.peerclaw.desktop.client;

import io.peerclaw.desktop.client.NodeClient.Activity;
import io.peerclaw.shared.json.Json;
import io.peerclaw.shared.protocol.api.Console;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Follows {@code GET /api/v1/admin/activity} (server-sent events) on a virtual thread and hands
 * each {@code activity} event on, until closed.
 */
final class ActivityFeed implements AutoCloseable {
    private final AtomicReference<InputStream> stream = new AtomicReference<>();
    private final Thread reader;

    private ActivityFeed(
            NodeConnection connection, Consumer<Activity> onEvent, Consumer<String> onError) {
        this.reader =
                Thread.ofVirtual()
                        .name("activity-feed")
                        .unstarted(() -> follow(connection, onEvent, onError));
    }

    static ActivityFeed open(
            NodeConnection connection, Consumer<Activity> onEvent, Consumer<String> onError) {
        var feed = new ActivityFeed(connection, onEvent, onError);
        feed.reader.start();
        return feed;
    }

    @Override
    public void close() throws IOException {
        reader.interrupt();
        // closing the body ends the HTTP exchange, so the node drops this subscriber now
        InputStream body = stream.getAndSet(null);
        if (body != null) {
            body.close();
        }
    }

    private void follow(
            NodeConnection connection, Consumer<Activity> onEvent, Consumer<String> onError) {
        try {
            HttpResponse<InputStream> response = connection.stream("/admin/activity");
            stream.set(response.body());
            if (response.statusCode() != 200) {
                byte[] body;
                try (InputStream in = response.body()) {
                    body = in.readAllBytes();
                }
                onError.accept(NodeConnection.problem(response.statusCode(), body).getMessage());
                return;
            }
            try (var lines =
                    new BufferedReader(
                            new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String event = "";
                var data = new StringBuilder();
                String line;
                while (!Thread.currentThread().isInterrupted()
                        && (line = lines.readLine()) != null) {
                    if (line.isEmpty()) {
                        if ("activity".equals(event) && !data.isEmpty()) {
                            onEvent.accept(activity(data.toString()));
                        }
                        event = "";
                        data.setLength(0);
                    } else if (line.startsWith("event:")) {
                        event = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).strip());
                    }
                }
            }
        } catch (IOException e) {
            if (!Thread.currentThread().isInterrupted()) {
                onError.accept("the activity feed stopped: " + connection.describe(e));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            onError.accept("the activity feed sent something unreadable: " + e.getMessage());
        }
    }

    private static Activity activity(String data) {
        var a = Json.read(data, Console.Activity.class);
        return new Activity(
                a.time(),
                NodeConnection.orEmpty(a.type()),
                NodeConnection.orEmpty(a.agentId()),
                NodeConnection.orEmpty(a.actor()),
                EventDetails.words(a.details()),
                NodeConnection.orEmpty(a.agentName()),
                NodeConnection.orEmpty(a.actorEmail()));
    }
}
