package io.peerclaw.node.admin;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.peerclaw.node.accounts.UserAdministration;
import io.peerclaw.node.http.JsonBodies;
import io.peerclaw.node.http.MethodNotAllowed;
import io.peerclaw.shared.protocol.api.Admin;

/**
 * {@code /api/v1/setup}: the first start of an empty node. Anyone may ask whether an admin is
 * needed; only a client on this machine may create the first one, and only while there is none.
 */
final class SetupHttpService implements HttpService {
    private final UserAdministration accounts;

    SetupHttpService(UserAdministration accounts) {
        this.accounts = accounts;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/setup", this::status)
                .any("/setup", MethodNotAllowed.allowing("GET"))
                .post("/setup/admin", this::createAdmin)
                .any("/setup/admin", MethodNotAllowed.allowing("POST"));
    }

    private void status(ServerRequest req, ServerResponse res) {
        JsonBodies.ok(res, new Admin.SetupStatus(!adminExists()));
    }

    private void createAdmin(ServerRequest req, ServerResponse res) {
        var body = JsonBodies.readStrict(JsonBodies.raw(req), Admin.FirstAdmin.class);
        boolean forwarded =
                req.headers().contains(HeaderNames.X_FORWARDED_FOR)
                        || req.headers().contains(HeaderNames.FORWARDED);
        // One at a time: two first admins racing would both see none yet.
        synchronized (this) {
            SetupRule.check(adminExists(), req.remotePeer().address(), forwarded);
            var user = accounts.createNewAdmin(body.email(), body.password());
            JsonBodies.send(res, Status.CREATED_201, new Admin.AdminCreated(user));
        }
    }

    private boolean adminExists() {
        return accounts.countsByRole().getOrDefault("admin", 0L) > 0;
    }
}
