package io.peerclaw.node.gateway.invoke;

import io.peerclaw.node.gateway.Admission;
import io.peerclaw.node.gateway.Admittance;
import io.peerclaw.node.gateway.CallStart;
import io.peerclaw.node.gateway.Refused;
import io.peerclaw.node.gateway.RunningCall;
import io.peerclaw.node.http.ApiException;

/** The gateway's refusals as this door answers them: problem answers of the REST API. */
final class Refusals {
    private Refusals() {}

    /** The admitted caller, or the refusal thrown as its problem answer. */
    static Admission admitted(Admittance admittance) {
        return switch (admittance) {
            case Admittance.Admitted(Admission admission) -> admission;
            case Refused refused -> throw problem(refused);
        };
    }

    /** The running call, or the refusal thrown as its problem answer. */
    static RunningCall started(CallStart start) {
        return switch (start) {
            case CallStart.Started(RunningCall call) -> call;
            case Refused refused -> throw problem(refused);
        };
    }

    /** 404, 401 (with its challenge), 403, 429 (with {@code Retry-After}), 404 or 409. */
    static ApiException problem(Refused refused) {
        return switch (refused) {
            case Refused.UnknownAgent r -> ApiException.notFound(r.message());
            case Refused.Unauthenticated r -> ApiException.unauthenticated(r.message());
            case Refused.Forbidden r -> ApiException.forbidden(r.message());
            case Refused.RateLimited r -> ApiException.rateLimited(r.retryAfterSeconds());
            case Refused.UnknownTask r -> ApiException.notFound(r.message());
            case Refused.NotAwaitingInput r -> ApiException.conflict(r.message());
        };
    }
}
