// Fills a fresh node with a few agents, users, reviews and reports so the console's screenshots
// show something. Run by scripts/screenshots.sh:  java -cp 'app-desktop/target/libs/*' scripts/ScreenshotSeed.java URL ADMIN PASSWORD
import io.peerclaw.shared.crypto.Ed25519;
import io.peerclaw.shared.crypto.Encoding;
import io.peerclaw.shared.crypto.RequestSignature;
import io.peerclaw.shared.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public class ScreenshotSeed {
    static final SecureRandom RANDOM = new SecureRandom();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static URI base;

    public static void main(String[] args) throws Exception {
        base = URI.create(args[0]);
        String[][] agents = {
            {"weather-oracle", "a2a", "Forecasts for any city, hourly"},
            {"invoice-parser", "mcp", "Reads invoices into structured JSON"},
            {"travel-planner", "a2a", "Plans trips across flights and hotels"},
            {"code-reviewer", "acp", "Reviews pull requests for common bugs"},
            {"translator-pro", "mcp", "Translates between 40 languages"},
            {"cheap-followers", "a2a", "Buy followers fast!!!"}
        };
        var ids = new ArrayList<String>();
        for (String[] a : agents) {
            ids.add(register(a[0], a[1], a[2]));
        }
        String alice = signUp("alice@example.com");
        String bob = signUp("bob@example.com");
        signUp("carol@example.com");
        review(alice, ids.get(0), 5, "Spot-on forecasts, fast answers.");
        review(bob, ids.get(0), 4, "Good, sometimes slow at night.");
        review(alice, ids.get(2), 4, "Found me a great hotel.");
        review(bob, ids.get(5), 1, "Spam, asked for my card number.");
        report(alice, ids.get(5), "spam", "It messages everyone with ads for followers.");
        report(bob, ids.get(3), "broken", "Returns errors for every request since Monday.");
        System.out.println("seeded " + ids.size() + " agents");
    }

    static String register(String name, String protocol, String description) throws Exception {
        Ed25519.KeyPair key = Ed25519.generate(RANDOM);
        var card = new LinkedHashMap<String, Object>();
        card.put("name", name);
        card.put("description", description);
        card.put("version", "1.2.0");
        card.put("public_key", key.publicKey().base64());
        card.put("capabilities", List.of("chat", name.split("-")[0]));
        card.put("protocols", List.of(protocol));
        card.put("endpoint", Map.of("url", "https://agents.example.com/" + name, "transport", "http"));
        card.put("skills", List.of(Map.of("id", "main", "name", description.split(" ")[0], "description", description)));
        byte[] body = Json.bytes(card);
        var builder = HttpRequest.newBuilder(base.resolve("/api/v1/agents")).POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/json");
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        RequestSignature.headers(key, "POST", "/api/v1/agents", Instant.now().getEpochSecond(), Encoding.base64Url(nonce), body).forEach(builder::header);
        var answer = send(builder.build(), 201);
        return Json.tree(answer).path("id").asText();
    }

    static String signUp(String email) throws Exception {
        call("POST", "/api/v1/auth/register", Map.of("email", email, "password", "correct horse battery"), null, 201);
        byte[] login = call("POST", "/api/v1/auth/login", Map.of("email", email, "password", "correct horse battery"), null, 200);
        return Json.tree(login).path("access_token").asText();
    }

    static void review(String token, String agent, int rating, String comment) throws Exception {
        call("POST", "/api/v1/directory/" + agent + "/reviews", Map.of("rating", rating, "comment", comment), token, -1);
    }

    static void report(String token, String agent, String reason, String details) throws Exception {
        call("POST", "/api/v1/reports", Map.of("target_type", "agent", "target_id", agent, "reason", reason, "details", details), token, 201);
    }

    static byte[] call(String method, String path, Object body, String token, int expected) throws Exception {
        var builder = HttpRequest.newBuilder(base.resolve(path)).method(method, HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body))).header("Content-Type", "application/json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return send(builder.build(), expected);
    }

    static byte[] send(HttpRequest request, int expected) throws Exception {
        var response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (expected > 0 && response.statusCode() != expected) {
            System.err.println(request.method() + " " + request.uri() + " -> " + response.statusCode() + " " + new String(response.body()));
        }
        return response.body();
    }
}
