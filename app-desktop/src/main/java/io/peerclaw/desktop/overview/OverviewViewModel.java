package io.peerclaw.desktop.overview;

import io.peerclaw.desktop.client.NodeClient;
import io.peerclaw.desktop.client.NodeClient.Activity;
import io.peerclaw.desktop.client.NodeClient.Dashboard;
import io.peerclaw.desktop.client.NodeClient.NodeInfo;
import io.peerclaw.desktop.mvvm.Texts;
import io.peerclaw.desktop.mvvm.ViewModel;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The node's state and counts, the live activity feed, and start, stop and restart. */
public final class OverviewViewModel extends ViewModel {
    static final int FEED_SIZE = 200;

    private final NodeControl control;
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper("unknown");
    private final ReadOnlyObjectWrapper<NodeInfo> info = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Dashboard> counts = new ReadOnlyObjectWrapper<>();
    private final ObservableList<FeedLine> activity = FXCollections.observableArrayList();

    /** One line of the live feed, and the ids behind its names for a tooltip. */
    public record FeedLine(String text, String ids) {
        @Override
        public String toString() {
            return text;
        }
    }

    private final Executor ui;
    private AutoCloseable feed;

    public OverviewViewModel(
            NodeClient node, NodeControl control, Executor background, Executor ui) {
        super(node, background, ui);
        this.control = control;
        this.ui = ui;
    }

    @Override
    public void refresh() {
        if (!control.running()) {
            state.set("stopped");
            info.set(null);
            counts.set(null);
            return;
        }
        // Two calls, so the counts still show when an older node lacks GET /admin/node.
        run(
                node::dashboard,
                loaded -> {
                    state.set("running");
                    counts.set(loaded);
                },
                e -> state.set(e.status() == 0 ? "unreachable" : "running"));
        run(node::node, info::set);
    }

    /** Starts following the node's activity; events are prepended, newest first. */
    public void follow() {
        unfollow();
        feed =
                node.activity(
                        event -> ui.execute(() -> add(event)),
                        message -> ui.execute(() -> error(message)));
    }

    public void unfollow() {
        if (feed != null) {
            try {
                feed.close();
            } catch (Exception e) {
                // closing a finished feed: nothing to tell
            }
            feed = null;
        }
    }

    void add(Activity event) {
        activity.addFirst(line(event));
        if (activity.size() > FEED_SIZE) {
            activity.remove(FEED_SIZE, activity.size());
        }
    }

    static FeedLine line(Activity event) {
        var text = new StringBuilder();
        text.append(event.time() == null ? "--:--:--" : FEED_TIME.format(event.time()));
        text.append("  ").append(Texts.event(event.type()));
        var ids = new java.util.ArrayList<String>();
        if (!event.agentId().isBlank()) {
            text.append("  agent ").append(event.agent());
            ids.add("agent id " + event.agentId());
        }
        if (!event.actor().isBlank()) {
            text.append("  by ").append(event.by());
            ids.add("user id " + event.actor());
        }
        if (!event.details().isBlank()) {
            text.append("  ").append(event.details());
        }
        return new FeedLine(text.toString(), String.join("\n", ids));
    }

    /** The feed is live, so the clock time alone reads best. */
    private static final DateTimeFormatter FEED_TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    public boolean canStartAndStop() {
        return control.embedded();
    }

    public void start() {
        state.set("starting");
        run(
                () -> {
                    control.start();
                    return Boolean.TRUE;
                },
                ok -> {
                    notice("node started");
                    refresh();
                    follow();
                },
                e -> state.set("stopped"));
    }

    public void stop() {
        unfollow();
        state.set("stopping");
        act(
                control::stop,
                () -> {
                    notice("node stopped");
                    refresh();
                });
    }

    public void restart() {
        unfollow();
        state.set("restarting");
        run(
                () -> {
                    node.restart();
                    return awaitBack();
                },
                back -> {
                    if (back) {
                        notice("the node restarted with its saved configuration");
                        refresh();
                        follow();
                    } else {
                        state.set("unreachable");
                        error(
                                "the node did not come back within a minute; see Logs or its"
                                        + " terminal");
                    }
                });
    }

    /** Waits (off the UI thread) until the restarted node answers again. */
    private boolean awaitBack() {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(500);
                node.dashboard();
                return true;
            } catch (io.peerclaw.desktop.client.NodeClientException e) {
                // still stopping or starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** Uptime as people say it: "3 d 4 h", "5 min 2 s". */
    public static String uptime(long seconds) {
        Duration d = Duration.ofSeconds(seconds);
        if (d.toDays() > 0) {
            return d.toDays() + " d " + d.toHoursPart() + " h";
        }
        if (d.toHours() > 0) {
            return d.toHours() + " h " + d.toMinutesPart() + " min";
        }
        if (d.toMinutes() > 0) {
            return d.toMinutes() + " min " + d.toSecondsPart() + " s";
        }
        return d.toSeconds() + " s";
    }

    public String url() {
        return info.get() == null ? node.baseUri().toString() : info.get().url();
    }

    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<NodeInfo> infoProperty() {
        return info.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Dashboard> countsProperty() {
        return counts.getReadOnlyProperty();
    }

    public ObservableList<FeedLine> activity() {
        return activity;
    }
}
