package io.peerclaw.node.gateway;

import io.peerclaw.node.identity.Caller;
import io.peerclaw.node.reputation.ReputationEngine.CallOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * What a finished call leaves behind: its line in the invocation log and the reputation event it is
 * worth to the agent (none when the caller or the node's stopping was at fault).
 */
final class FinishedCalls {
    private FinishedCalls() {}

    /** The invocation log's line and the agent's reputation event, or a null outcome for none. */
    record Record(Invocation invocation, CallOutcome outcome) {}

    /**
     * @param last the task as the call left it
     * @param stopping whether the node stopped while the call ran
     */
    static Record of(
            UUID invocationId,
            Admission admission,
            FrontDoor door,
            CallRequest request,
            CallResult result,
            Task last,
            long durationMs,
            boolean stopping,
            int previewBytes,
            Instant now) {
        String status;
        CallOutcome outcome;
        if (result.error() != null && result.error().kind() == CallError.Kind.TIMEOUT) {
            status = "timeout";
            outcome = CallOutcome.TIMEOUT;
        } else if (result.error() != null && result.error().kind().callersFault()) {
            status = "rejected";
            outcome = null;
        } else if (result.state() == CallState.CANCELED) {
            status = "canceled";
            outcome = null;
        } else if (stopping) {
            status = "error";
            outcome = null;
        } else if (result.state() == CallState.FAILED || result.state() == CallState.REJECTED) {
            status = "error";
            outcome = CallOutcome.ERROR;
        } else {
            status = "success";
            outcome = CallOutcome.SUCCESS;
        }
        var caller = admission.caller();
        var invocation =
                new Invocation(
                        invocationId,
                        admission.target().id().value(),
                        last.id(),
                        caller instanceof Caller.User u ? u.userId() : null,
                        caller instanceof Caller.Agent a ? a.id().value() : null,
                        admission.clientAddress(),
                        admission.target().protocol(),
                        door.wire(),
                        status,
                        durationMs,
                        result.error() == null ? null : cap(result.error().message(), 1000),
                        cap(previewOf(request), previewBytes),
                        cap(last.text(), previewBytes),
                        now.minusMillis(durationMs));
        return new Record(invocation, outcome);
    }

    private static String previewOf(CallRequest request) {
        String text = request.text();
        if (!text.isEmpty()) {
            return text;
        }
        return Snapshots.parts(request.parts()).toString();
    }

    /** At most {@code maxBytes} of UTF-8, cut at a character boundary; null for 0. */
    static String cap(String text, int maxBytes) {
        if (text == null || maxBytes <= 0) {
            return null;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return text;
        }
        int end = maxBytes;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
