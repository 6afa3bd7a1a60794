package io.peerclaw.node.audit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Scheduler;
import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.node.http.RequestContext;
import io.peerclaw.node.storage.Database;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records security events with the current request's id and client address. Events that an attacker
 * can produce in bulk (failed authentication, rate limiting) are throttled per client and type: the
 * first in a minute is written, and when the minute ends one summary event says how many more there
 * were.
 */
public final class AuditLog implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AuditLog.class.getName());
    private static final Duration THROTTLE_WINDOW = Duration.ofMinutes(1);

    private final boolean enabled;
    private final AuditStore store;
    private final AuditSink sink;
    private final InstantSource clock;
    private final Cache<String, Suppressed> throttled;
    private final BlockingQueue<AuditEvent> unstored = new LinkedBlockingQueue<>(100_000);
    private final Thread storer;
    private final java.util.List<java.util.function.Consumer<AuditEvent>> listeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean closing;

    /**
     * Guards the throttle counts against {@link #close()}: a count raised after its summary was
     * written would be lost, so close() takes the write lock to summarise and end throttling, and
     * from then on every throttled event is recorded on its own.
     */
    private final java.util.concurrent.locks.ReadWriteLock throttling =
            new java.util.concurrent.locks.ReentrantReadWriteLock();

    private boolean throttlingEnded; // guarded by throttling

    /** The storer has ended: whoever records an event from now on stores it on its own thread. */
    private volatile boolean stopped;

    /** Events of one type from one client that were not written during the current window. */
    private record Suppressed(String type, String client, AtomicLong count) {}

    private AuditLog(boolean enabled, AuditStore store, AuditSink sink, InstantSource clock) {
        this.enabled = enabled;
        this.store = store;
        this.sink = sink;
        this.clock = clock;
        this.throttled =
                Caffeine.newBuilder()
                        .expireAfterWrite(THROTTLE_WINDOW)
                        .maximumSize(100_000)
                        .scheduler(Scheduler.systemScheduler())
                        .<String, Suppressed>evictionListener(
                                (key, value, cause) -> summarize(value))
                        .build();
        this.storer = Thread.ofPlatform().name("peerclaw-audit").daemon().start(this::storeBatches);
    }

    /**
     * @param stdout where {@code audit_log.output: stdout} writes (the process's standard output)
     */
    public static AuditLog create(
            NodeConfig.AuditLog config,
            Database database,
            InstantSource clock,
            OutputStream stdout) {
        AuditSink sink =
                config.file().map(AuditSink::file).orElseGet(() -> AuditSink.stream(stdout));
        return new AuditLog(config.enabled(), new AuditStore(database), sink, clock);
    }

    public void record(String type, String agentId, Map<String, Object> details) {
        record(type, agentId, null, details);
    }

    /** An event an account caused ({@code actorUserId}), about no agent in particular. */
    public void recordBy(String type, String actorUserId, Map<String, Object> details) {
        record(type, null, actorUserId, details);
    }

    /** An event an account caused about an agent. */
    public void record(
            String type, String agentId, String actorUserId, Map<String, Object> details) {
        if (!enabled) {
            return;
        }
        var context = RequestContext.current();
        var event =
                new AuditEvent(
                        clock.instant().truncatedTo(ChronoUnit.MILLIS),
                        type,
                        agentId,
                        actorUserId,
                        context.map(RequestContext::clientIp).orElse(null),
                        context.map(RequestContext::requestId).orElse(null),
                        details);
        write(event);
    }

    private void write(AuditEvent event) {
        try {
            sink.write(event);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot write the audit log", e);
        }
        if (!unstored.offer(event)) {
            LOG.log(
                    System.Logger.Level.ERROR,
                    "audit queue full; event " + event.type() + " kept in the log only");
        }
        // Read after the offer: either close() drains after this event was queued, or this
        // thread sees the storer gone and stores the event itself. Nothing stays in the queue.
        if (stopped) {
            storeQueued();
        }
        for (var listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                // A listener's fault must never stop the recording of security events.
                LOG.log(System.Logger.Level.WARNING, "an audit listener failed: " + e);
            }
        }
    }

    /**
     * Calls {@code listener} with every event after it is recorded, on the recording thread: the
     * listener must only hand the event over (e.g. offer it to a bounded queue), never block.
     * Closing the answer unsubscribes.
     */
    public Subscription subscribe(java.util.function.Consumer<AuditEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** A listener's registration; closing it stops the calls. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private void storeBatches() {
        var batch = new ArrayList<AuditEvent>();
        while (!closing || !unstored.isEmpty()) {
            try {
                AuditEvent first = unstored.poll(250, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                unstored.drainTo(batch, 999);
                insert(batch);
            } catch (InterruptedException e) {
                closing = true;
            }
            batch.clear();
        }
    }

    /** Stores whatever is queued, on the calling thread (once the storer has ended). */
    private void storeQueued() {
        var batch = new ArrayList<AuditEvent>();
        while (unstored.drainTo(batch, 1000) > 0) {
            insert(batch);
            batch.clear();
        }
    }

    private void insert(java.util.List<AuditEvent> batch) {
        try {
            store.insertAll(batch);
        } catch (RuntimeException e) {
            LOG.log(
                    System.Logger.Level.ERROR,
                    "cannot store " + batch.size() + " audit events: " + e.getMessage());
        }
    }

    /** Stored events matching the query (events reach storage within a second). */
    public java.util.List<AuditEntry> query(AuditQuery query) {
        return store.query(query);
    }

    /** Records at most one event of this type per client address and minute. */
    public void recordThrottled(String type, String agentId, Map<String, Object> details) {
        if (!enabled) {
            return;
        }
        String client = RequestContext.current().map(RequestContext::clientIp).orElse("unknown");
        String key = type + '|' + client;
        var fresh = new Suppressed(type, client, new AtomicLong());
        throttling.readLock().lock();
        try {
            if (!throttlingEnded) {
                var existing = throttled.asMap().putIfAbsent(key, fresh);
                if (existing != null) {
                    existing.count().incrementAndGet();
                    return;
                }
            }
        } finally {
            throttling.readLock().unlock();
        }
        record(type, agentId, details);
    }

    private void summarize(Suppressed suppressed) {
        if (suppressed == null || suppressed.count().get() == 0) {
            return;
        }
        var event =
                new AuditEvent(
                        clock.instant().truncatedTo(ChronoUnit.MILLIS),
                        suppressed.type(),
                        null,
                        null,
                        suppressed.client(),
                        null,
                        Map.of(
                                "suppressed",
                                suppressed.count().get(),
                                "window_seconds",
                                THROTTLE_WINDOW.toSeconds()));
        write(event);
    }

    /** Details helper: a mutable map that drops null values. */
    public static Map<String, Object> details(Object... keysAndValues) {
        var out = new HashMap<String, Object>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                out.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return out;
    }

    /**
     * Writes the summaries of throttled events, lets the storer write everything queued, and from
     * then on stores each event as it is recorded, throttled ones included: a request or job still
     * running when the node stops loses nothing. Closed after every feature and before the database
     * (NodeWiring).
     */
    @Override
    public void close() {
        throttling.writeLock().lock();
        try {
            throttlingEnded = true;
            // Removed before they are summarized, so the expiry of an entry cannot summarize it
            // twice.
            for (String key : java.util.List.copyOf(throttled.asMap().keySet())) {
                summarize(throttled.asMap().remove(key));
            }
        } finally {
            throttling.writeLock().unlock();
        }
        closing = true;
        try {
            storer.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopped = true;
        storeQueued();
        try {
            sink.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot close the audit log", e);
        }
    }
}
