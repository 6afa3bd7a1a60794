package io.peerclaw.node.audit;

import io.peerclaw.shared.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;

/** Writes events as JSON lines (one object per line, flushed at once) to a stream or file. */
final class AuditSink implements AutoCloseable {
    private final OutputStream out;
    private final boolean owned;

    private AuditSink(OutputStream out, boolean owned) {
        this.out = out;
        this.owned = owned;
    }

    static AuditSink stream(OutputStream out) {
        return new AuditSink(out, false);
    }

    /** Appends to a file readable only by the node's user and group (it holds client addresses). */
    static AuditSink file(Path path) {
        try {
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            if (!Files.exists(path)) {
                Files.createFile(path);
                trySetPermissions(path);
            }
            return new AuditSink(Files.newOutputStream(path, StandardOpenOption.APPEND), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit log " + path, e);
        }
    }

    synchronized void write(AuditEvent event) throws IOException {
        var line = new LinkedHashMap<String, Object>();
        line.put("timestamp", event.timestamp());
        line.put("type", event.type());
        line.put("agent_id", event.agentId());
        if (event.actorUserId() != null) {
            line.put("actor_user_id", event.actorUserId());
        }
        line.put("source_ip", event.sourceIp());
        line.put("request_id", event.requestId());
        line.put("details", event.details());
        out.write(Json.bytes(line));
        out.write('\n');
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (owned) {
            out.close();
        }
    }

    private static void trySetPermissions(Path path) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r-----"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system; the platform's defaults apply
        }
    }
}
