package io.peerclaw.desktop.settings;

import io.peerclaw.desktop.client.NodeClient;
import io.peerclaw.desktop.client.NodeClient.NodeInfo;
import io.peerclaw.desktop.client.NodeClient.Setting;
import io.peerclaw.desktop.client.NodeClientException;
import io.peerclaw.desktop.mvvm.ViewModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The node's editable configuration as a form. {@code server.http_addr} is shown as bind address
 * and port; the node checks every value with its own configuration loader on save, and the form
 * checks the port first so the commonest mistake is caught without a round trip.
 */
public final class SettingsViewModel extends ViewModel {
    static final String HTTP_ADDR = "server.http_addr";
    static final String BIND = "form.bind_address";
    static final String PORT = "form.port";

    private static final Map<String, String> LABELS =
            Map.of(
                    "server.data_dir", "Data folder",
                    "database.driver", "Database driver",
                    "database.dsn", "Database DSN",
                    "rate_limit.enabled", "Rate limiting",
                    "rate_limit.requests_per_sec", "Requests per second",
                    "rate_limit.burst_size", "Burst size",
                    "server.cors_origins", "CORS origins",
                    "logging.level", "Log level");

    private final ObservableList<SettingField> fields = FXCollections.observableArrayList();

    public SettingsViewModel(NodeClient node, Executor background, Executor ui) {
        super(node, background, ui);
    }

    /** The configured settings and the running node's facts, read together. */
    private record Loaded(List<Setting> settings, Optional<NodeInfo> running) {}

    @Override
    public void refresh() {
        run(() -> new Loaded(node.settings(), running()), this::load);
    }

    /** The running node's facts; the form still works without them (e.g. an older node). */
    private Optional<NodeInfo> running() {
        try {
            return Optional.ofNullable(node.node());
        } catch (NodeClientException e) {
            return Optional.empty();
        }
    }

    private void load(Loaded loaded) {
        load(loaded.settings());
        loaded.running().ifPresent(this::compare);
    }

    /**
     * Says, next to a field, where the node runs with another value than the configured one (a
     * start-up flag, the environment, or port 0 picking a free port).
     */
    private void compare(NodeInfo running) {
        differs(PORT, running.port() > 0 ? Integer.toString(running.port()) : "", "port");
        differs("database.driver", running.databaseDriver(), "database");
        differs("server.data_dir", running.dataDir(), "data folder");
    }

    private void differs(String key, String now, String what) {
        field(key).ifPresent(f -> f.runningProperty().set(difference(f, now, what)));
    }

    private static String difference(SettingField f, String now, String what) {
        String configured = f.valueProperty().get().strip();
        if (now == null || now.isBlank() || now.equals(configured)) {
            return "";
        }
        if (PORT.equals(f.key()) && "0".equals(configured)) {
            return "Configured: 0, so a free port is picked at each start. Running now: "
                    + now
                    + ".";
        }
        return "Configured: "
                + (configured.isEmpty() ? "(empty)" : configured)
                + ". Running now: "
                + now
                + ". The node was started with another "
                + what
                + "; the configured value applies when it is started without one.";
    }

    private void load(List<Setting> settings) {
        var loaded = new ArrayList<SettingField>();
        for (Setting s : settings) {
            if (HTTP_ADDR.equals(s.key())) {
                String addr = s.value();
                int colon = addr.lastIndexOf(':');
                var bind =
                        new SettingField(
                                BIND,
                                "Bind address",
                                "text",
                                "the address the node listens on; empty for every interface",
                                false);
                var port =
                        new SettingField(
                                PORT,
                                "Port",
                                "integer",
                                "the HTTP port, 0 to 65535 (0 picks a free one)"
                                        + (s.note().isBlank() ? "" : " — " + s.note()),
                                false);
                bind.load(colon < 0 ? addr : addr.substring(0, colon));
                port.load(colon < 0 ? "" : addr.substring(colon + 1));
                loaded.add(bind);
                loaded.add(port);
                continue;
            }
            boolean readOnly = s.readOnly() || "server.data_dir".equals(s.key());
            var field =
                    new SettingField(
                            s.key(),
                            LABELS.getOrDefault(s.key(), s.key()),
                            s.kind(),
                            s.description() + (s.note().isBlank() ? "" : " — " + s.note()),
                            readOnly,
                            s.set());
            field.load(s.value());
            loaded.add(field);
        }
        fields.setAll(loaded);
    }

    /** Checks the form, then saves the changed values; they apply when the node restarts. */
    public void save() {
        fields.forEach(f -> f.errorProperty().set(""));
        var problem = field(PORT).flatMap(p -> portProblem(p.valueProperty().get()));
        if (problem.isPresent()) {
            field(PORT).orElseThrow().errorProperty().set(problem.get());
            error("Port " + problem.get());
            return;
        }
        Map<String, Object> values = changes();
        if (values.isEmpty()) {
            notice("nothing changed");
            return;
        }
        run(
                () -> node.saveSettings(values),
                file -> {
                    fields.forEach(f -> f.load(f.valueProperty().get()));
                    notice(
                            "Saved to "
                                    + file
                                    + ". The node uses the new settings after a restart (Overview →"
                                    + " Restart).");
                },
                this::show);
    }

    private void show(NodeClientException e) {
        for (var bad : e.fieldErrors()) {
            String key = HTTP_ADDR.equals(bad.field()) ? PORT : bad.field();
            field(key).or(() -> field(BIND)).ifPresent(f -> f.errorProperty().set(bad.message()));
        }
    }

    Map<String, Object> changes() {
        var values = new LinkedHashMap<String, Object>();
        var bind = field(BIND);
        var port = field(PORT);
        if (bind.isPresent()
                && port.isPresent()
                && (bind.get().changed() || port.get().changed())) {
            values.put(
                    HTTP_ADDR,
                    bind.get().valueProperty().get().strip()
                            + ":"
                            + port.get().valueProperty().get().strip());
        }
        for (var f : fields) {
            if (f.readOnly() || f.key().startsWith("form.") || !f.changed()) {
                continue;
            }
            String text = f.valueProperty().get().strip();
            if (f.secret() && text.isEmpty()) {
                continue; // an empty secret field means "keep the one that is set"
            }
            values.put(f.key(), typed(f.kind(), text));
        }
        return values;
    }

    /** The value as JSON wants it; text the node will refuse stays text so it names the field. */
    static Object typed(String kind, String text) {
        try {
            return switch (kind) {
                case "integer" -> Long.parseLong(text);
                case "decimal" -> Double.parseDouble(text);
                case "boolean" ->
                        switch (text.toLowerCase(java.util.Locale.ROOT)) {
                            case "true", "yes", "on" -> true;
                            case "false", "no", "off" -> false;
                            default -> text;
                        };
                case "list" ->
                        Arrays.stream(text.split(","))
                                .map(String::strip)
                                .filter(s -> !s.isEmpty())
                                .toList();
                default -> text;
            };
        } catch (NumberFormatException e) {
            return text;
        }
    }

    static Optional<String> portProblem(String text) {
        String t = text == null ? "" : text.strip();
        try {
            int port = Integer.parseInt(t);
            if (port >= 0 && port <= 65535) {
                return Optional.empty();
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        return Optional.of("must be a number from 0 to 65535, not '" + t + "'");
    }

    Optional<SettingField> field(String key) {
        return fields.stream().filter(f -> f.key().equals(key)).findFirst();
    }

    public ObservableList<SettingField> fields() {
        return fields;
    }
}
