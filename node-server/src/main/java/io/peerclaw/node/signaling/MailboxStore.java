package io.peerclaw.node.signaling;

import io.peerclaw.node.storage.Database;
import java.time.Instant;
import java.util.List;

/** All SQL of the signaling mailbox. */
final class MailboxStore {
    private final Database database;

    MailboxStore(Database database) {
        this.database = database;
    }

    /**
     * Keeps a frame for {@code recipient}; false when its mailbox already holds {@code maxFrames}
     * frames or the frame would take it past {@code maxBytes}.
     */
    boolean keep(
            String recipient,
            String frame,
            int bytes,
            Instant now,
            Instant expiresAt,
            int maxFrames,
            long maxBytes) {
        return database.inTransaction(
                sql -> {
                    // One writer per recipient at a time, so the counts below hold.
                    sql.queryOne(
                            "SELECT id FROM agents WHERE id = ? FOR UPDATE", row -> 1, recipient);
                    var held =
                            sql.queryOne(
                                            "SELECT COUNT(*), COALESCE(SUM(bytes), 0) FROM"
                                                    + " signaling_mailbox WHERE recipient_agent_id"
                                                    + " = ? AND expires_at > ?",
                                            row -> new long[] {row.getLong(1), row.getLong(2)},
                                            recipient,
                                            now)
                                    .orElse(new long[] {0, 0});
                    if (held[0] >= maxFrames || held[1] + bytes > maxBytes) {
                        return false;
                    }
                    sql.update(
                            "INSERT INTO signaling_mailbox (recipient_agent_id, frame, bytes,"
                                    + " created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                            recipient,
                            frame,
                            bytes,
                            now,
                            expiresAt);
                    return true;
                });
    }

    /** Takes every unexpired frame for {@code recipient}, oldest first, and deletes them. */
    List<String> take(String recipient, Instant now) {
        return database.inTransaction(
                sql -> {
                    List<long[]> ids =
                            sql.query(
                                    "SELECT id FROM signaling_mailbox WHERE recipient_agent_id = ?"
                                            + " ORDER BY id FOR UPDATE",
                                    row -> new long[] {row.getLong(1)},
                                    recipient);
                    if (ids.isEmpty()) {
                        return List.of();
                    }
                    long last = ids.getLast()[0];
                    List<String> frames =
                            sql.query(
                                    "SELECT frame FROM signaling_mailbox WHERE recipient_agent_id"
                                            + " = ? AND id <= ? AND expires_at > ? ORDER BY id",
                                    row -> row.getString(1),
                                    recipient,
                                    last,
                                    now);
                    sql.update(
                            "DELETE FROM signaling_mailbox WHERE recipient_agent_id = ? AND id <="
                                    + " ?",
                            recipient,
                            last);
                    return frames;
                });
    }

    /** Deletes expired frames; returns how many. */
    int purge(Instant now) {
        return database.inTransaction(
                sql -> sql.update("DELETE FROM signaling_mailbox WHERE expires_at <= ?", now));
    }
}
