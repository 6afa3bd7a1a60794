package io.peerclaw.node.accounts;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.peerclaw.node.http.IncomingRequest;
import io.peerclaw.node.http.JsonBodies;
import io.peerclaw.node.http.MethodNotAllowed;
import io.peerclaw.node.http.RequestContext;
import io.peerclaw.node.identity.Authenticator;
import io.peerclaw.node.identity.KeyScope;
import io.peerclaw.shared.protocol.api.Accounts.ApiKeyList;
import io.peerclaw.shared.protocol.api.Accounts.ApiKeyRequest;
import io.peerclaw.shared.protocol.api.Accounts.LoginRequest;
import io.peerclaw.shared.protocol.api.Accounts.ProfileUpdate;
import io.peerclaw.shared.protocol.api.Accounts.RefreshRequest;
import io.peerclaw.shared.protocol.api.Accounts.RegisterRequest;
import io.peerclaw.shared.protocol.api.Accounts.ResendRequest;
import io.peerclaw.shared.protocol.api.Accounts.VerifyEmailRequest;
import java.util.Map;

/**
 * {@code /api/v1/auth/…}: sign-up, sign-in, token refresh, sign-out, profile and API keys.
 *
 * <pre>
 * curl -X POST localhost:8080/api/v1/auth/login -d '{"email":"a@b.example","password":"…"}'
 * curl localhost:8080/api/v1/auth/me -H "Authorization: Bearer $ACCESS_TOKEN"
 * </pre>
 */
final class AccountsHttpService implements HttpService {
    private final SelfService self;
    private final Authenticator authenticator;

    AccountsHttpService(SelfService self, Authenticator authenticator) {
        this.self = self;
        this.authenticator = authenticator;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/auth/register", this::register)
                .any("/auth/register", MethodNotAllowed.allowing("POST"))
                .post("/auth/login", this::login)
                .any("/auth/login", MethodNotAllowed.allowing("POST"))
                .post("/auth/refresh", this::refresh)
                .any("/auth/refresh", MethodNotAllowed.allowing("POST"))
                .post("/auth/logout", this::logout)
                .any("/auth/logout", MethodNotAllowed.allowing("POST"))
                .post("/auth/verify-email", this::verifyEmail)
                .any("/auth/verify-email", MethodNotAllowed.allowing("POST"))
                .post("/auth/resend-verification", this::resend)
                .any("/auth/resend-verification", MethodNotAllowed.allowing("POST"))
                .get("/auth/me", this::me)
                .put("/auth/me", this::updateMe)
                .any("/auth/me", MethodNotAllowed.allowing("GET", "PUT"))
                .post("/auth/api-keys", this::createKey)
                .get("/auth/api-keys", this::listKeys)
                .any("/auth/api-keys", MethodNotAllowed.allowing("GET", "POST"))
                .delete("/auth/api-keys/{keyId}", this::revokeKey)
                .any("/auth/api-keys/{keyId}", MethodNotAllowed.allowing("DELETE"));
    }

    private void register(ServerRequest req, ServerResponse res) {
        var request = JsonBodies.readStrict(JsonBodies.raw(req), RegisterRequest.class);
        JsonBodies.send(res, Status.CREATED_201, self.signUp().register(request, client(req)));
    }

    private void login(ServerRequest req, ServerResponse res) {
        var request = JsonBodies.readStrict(JsonBodies.raw(req), LoginRequest.class);
        noStore(res);
        JsonBodies.ok(res, self.signIn().login(request.email(), request.password(), client(req)));
    }

    private void refresh(ServerRequest req, ServerResponse res) {
        var request = JsonBodies.readStrict(JsonBodies.raw(req), RefreshRequest.class);
        noStore(res);
        JsonBodies.ok(res, self.sessions().refresh(request.refreshToken()));
    }

    /** With a refresh token in the body, ends that session; else the access token's session. */
    private void logout(ServerRequest req, ServerResponse res) {
        byte[] body = JsonBodies.raw(req);
        if (body.length > 0) {
            self.sessions()
                    .logout(JsonBodies.readStrict(body, RefreshRequest.class).refreshToken());
        } else {
            self.sessions()
                    .logout(authenticator.requireUser(IncomingRequest.of(req), KeyScope.READ));
        }
        res.status(Status.NO_CONTENT_204).send();
    }

    private void verifyEmail(ServerRequest req, ServerResponse res) {
        var request = JsonBodies.readStrict(JsonBodies.raw(req), VerifyEmailRequest.class);
        var tokens = self.codes().verify(request.email(), request.code(), client(req));
        if (tokens.isPresent()) {
            noStore(res);
            JsonBodies.ok(res, tokens.get());
        } else {
            JsonBodies.ok(res, Map.of("email_verified", true));
        }
    }

    private void resend(ServerRequest req, ServerResponse res) {
        self.codes()
                .resend(JsonBodies.readStrict(JsonBodies.raw(req), ResendRequest.class).email());
        res.status(Status.ACCEPTED_202).send();
    }

    private void me(ServerRequest req, ServerResponse res) {
        JsonBodies.ok(
                res,
                self.profiles()
                        .me(authenticator.requireUser(IncomingRequest.of(req), KeyScope.READ)));
    }

    private void updateMe(ServerRequest req, ServerResponse res) {
        var user = authenticator.requireUser(IncomingRequest.of(req), KeyScope.READ);
        if (user.apiKeyId() != null) {
            throw io.peerclaw.node.http.ApiException.forbidden(
                    "an API key cannot change the profile; sign in instead");
        }
        var update = JsonBodies.readStrict(JsonBodies.raw(req), ProfileUpdate.class);
        JsonBodies.ok(res, self.profiles().update(user, update));
    }

    private void createKey(ServerRequest req, ServerResponse res) {
        var user = authenticator.requireUser(IncomingRequest.of(req), KeyScope.READ);
        var request = JsonBodies.readStrict(JsonBodies.raw(req), ApiKeyRequest.class);
        noStore(res);
        JsonBodies.send(res, Status.CREATED_201, self.keys().create(user, request));
    }

    private void listKeys(ServerRequest req, ServerResponse res) {
        var user = authenticator.requireUser(IncomingRequest.of(req), KeyScope.READ);
        JsonBodies.ok(res, new ApiKeyList(self.keys().list(user)));
    }

    private void revokeKey(ServerRequest req, ServerResponse res) {
        var user = authenticator.requireUser(IncomingRequest.of(req), KeyScope.READ);
        if (user.apiKeyId() != null) {
            throw io.peerclaw.node.http.ApiException.forbidden(
                    "an API key cannot revoke keys; sign in instead");
        }
        self.keys().revoke(user, req.path().pathParameters().get("keyId"));
        res.status(Status.NO_CONTENT_204).send();
    }

    private static Client client(ServerRequest req) {
        String address = RequestContext.current().map(RequestContext::clientIp).orElse("unknown");
        return new Client(address, req.headers().first(HeaderNames.USER_AGENT).orElse(null));
    }

    private static void noStore(ServerResponse res) {
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
    }
}
