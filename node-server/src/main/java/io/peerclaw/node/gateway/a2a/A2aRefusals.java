package io.peerclaw.node.gateway.a2a;

import io.peerclaw.node.gateway.Admission;
import io.peerclaw.node.gateway.Admittance;
import io.peerclaw.node.gateway.CallStart;
import io.peerclaw.node.gateway.Refused;
import io.peerclaw.node.gateway.RunningCall;
import io.peerclaw.node.http.ApiException;

/**
 * The gateway's refusals as the A2A door answers them. A2A has no error code for access or limits
 * (protocols.md §1.9): those are HTTP answers (401, 403, 404, 429, see {@link A2aHttpService}); a
 * task to continue that is unknown or not waiting is the method's JSON-RPC error.
 */
final class A2aRefusals {
    private A2aRefusals() {}

    /** The admitted caller, or the refusal thrown as its HTTP answer. */
    static Admission admitted(Admittance admittance) {
        return switch (admittance) {
            case Admittance.Admitted(Admission admission) -> admission;
            case Refused refused -> throw refusal(refused, "");
        };
    }

    /**
     * The running call, or the refusal thrown.
     *
     * @param taskId the task the message continues, as the client named it
     */
    static RunningCall started(CallStart start, String taskId) {
        return switch (start) {
            case CallStart.Started(RunningCall call) -> call;
            case Refused refused -> throw refusal(refused, taskId);
        };
    }

    private static RuntimeException refusal(Refused refused, String taskId) {
        return switch (refused) {
            case Refused.UnknownAgent r -> ApiException.notFound(r.message());
            case Refused.Unauthenticated r -> ApiException.unauthenticated(r.message());
            case Refused.Forbidden r -> ApiException.forbidden(r.message());
            case Refused.RateLimited r -> ApiException.rateLimited(r.retryAfterSeconds());
            case Refused.UnknownTask _ -> new A2aException(A2aError.taskNotFound(taskId));
            case Refused.NotAwaitingInput r ->
                    new A2aException(A2aError.unsupportedOperation(r.message()));
        };
    }
}
