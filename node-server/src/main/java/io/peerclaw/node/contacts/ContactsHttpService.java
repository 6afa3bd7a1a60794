package io.peerclaw.node.contacts;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.http.IncomingRequest;
import io.peerclaw.node.http.JsonBodies;
import io.peerclaw.node.http.MethodNotAllowed;
import io.peerclaw.node.http.PathIds;
import io.peerclaw.node.identity.Authenticator;
import io.peerclaw.node.identity.Caller;
import io.peerclaw.node.identity.KeyScope;
import io.peerclaw.node.registry.OwnedAgents;
import io.peerclaw.shared.model.AgentId;
import io.peerclaw.shared.protocol.api.Contacts.ContactAdd;
import io.peerclaw.shared.protocol.api.Contacts.ContactDecision;
import io.peerclaw.shared.protocol.api.Contacts.ContactList;
import io.peerclaw.shared.protocol.api.Contacts.ContactRequestCreate;
import io.peerclaw.shared.protocol.api.Contacts.ContactRequestList;
import java.util.Optional;

/**
 * An agent's contacts and contact requests, for the agent itself (a request signed with its key, or
 * one of its bearer keys) or its owner (an access token, or an API key with {@code manage_agents}).
 * To everyone else, another agent's valid credentials included, the agent does not exist.
 *
 * <pre>
 * curl localhost:8080/api/v1/agents/$AGENT/contacts -H "Authorization: Bearer $TOKEN"
 * curl -X POST localhost:8080/api/v1/agents/$AGENT/contacts -H "Authorization: Bearer $TOKEN" \
 *      -d '{"agent_id":"…","alias":"billing bot"}'
 * </pre>
 */
final class ContactsHttpService implements HttpService {
    private final ContactBook book;
    private final OwnedAgents owned;
    private final Authenticator authenticator;

    ContactsHttpService(ContactBook book, OwnedAgents owned, Authenticator authenticator) {
        this.book = book;
        this.owned = owned;
        this.authenticator = authenticator;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/agents/{id}/contacts", this::list)
                .post("/agents/{id}/contacts", this::add)
                .any("/agents/{id}/contacts", MethodNotAllowed.allowing("GET", "POST"))
                .delete("/agents/{id}/contacts/{contactId}", this::remove)
                .any("/agents/{id}/contacts/{contactId}", MethodNotAllowed.allowing("DELETE"))
                .get("/agents/{id}/contact-requests", this::requests)
                .post("/agents/{id}/contact-requests", this::ask)
                .any("/agents/{id}/contact-requests", MethodNotAllowed.allowing("GET", "POST"))
                .put("/agents/{id}/contact-requests/{requestId}", this::decide)
                .any("/agents/{id}/contact-requests/{requestId}", MethodNotAllowed.allowing("PUT"));
    }

    /** Who acts for the agent: the agent itself, or its owner (then {@code userId} is set). */
    private record Acting(AgentId agent, String userId) {}

    private Acting acting(ServerRequest req, byte[] body) {
        AgentId id = PathIds.agentId(req);
        var incoming = IncomingRequest.of(req);
        var user = authenticator.userAlongside(incoming);
        if (user.isPresent()) {
            var owner = authenticator.requireUser(incoming, KeyScope.MANAGE_AGENTS);
            if (owned.ownedAgent(id, owner.userId()).filter(a -> !a.pending()).isEmpty()) {
                // Someone else's agent and an unknown id look the same.
                throw ApiException.notFound("you have no agent " + id);
            }
            return new Acting(id, owner.userId());
        }
        return switch (authenticator.authenticate(incoming, body)) {
            case Caller.Agent self when self.id().equals(id) -> new Acting(id, null);
            case Caller.Anonymous anonymous ->
                    throw ApiException.unauthenticated(
                            "this route needs the agent's request signature or bearer key, or"
                                    + " its owner's access token");
            default -> throw ApiException.notFound("no agent with id " + id);
        };
    }

    private void list(ServerRequest req, ServerResponse res) {
        var acting = acting(req, new byte[0]);
        JsonBodies.ok(res, new ContactList(book.contactsOf(acting.agent())));
    }

    private void add(ServerRequest req, ServerResponse res) {
        byte[] body = JsonBodies.raw(req);
        var acting = acting(req, body);
        var listed =
                book.add(
                        acting.agent(),
                        JsonBodies.readStrict(body, ContactAdd.class),
                        acting.userId());
        JsonBodies.send(
                res, listed.created() ? Status.CREATED_201 : Status.OK_200, listed.contact());
    }

    private void remove(ServerRequest req, ServerResponse res) {
        var acting = acting(req, new byte[0]);
        book.remove(acting.agent(), req.path().pathParameters().get("contactId"), acting.userId());
        res.status(Status.NO_CONTENT_204).send();
    }

    private void requests(ServerRequest req, ServerResponse res) {
        var acting = acting(req, new byte[0]);
        JsonBodies.ok(
                res,
                new ContactRequestList(
                        book.requests(
                                acting.agent(), query(req, "direction"), query(req, "status"))));
    }

    private void ask(ServerRequest req, ServerResponse res) {
        byte[] body = JsonBodies.raw(req);
        var acting = acting(req, body);
        var asked =
                book.ask(
                        acting.agent(),
                        JsonBodies.readStrict(body, ContactRequestCreate.class),
                        acting.userId());
        JsonBodies.send(res, asked.created() ? Status.CREATED_201 : Status.OK_200, asked.request());
    }

    private void decide(ServerRequest req, ServerResponse res) {
        byte[] body = JsonBodies.raw(req);
        var acting = acting(req, body);
        JsonBodies.ok(
                res,
                book.decide(
                        acting.agent(),
                        req.path().pathParameters().get("requestId"),
                        JsonBodies.readStrict(body, ContactDecision.class),
                        acting.userId()));
    }

    private static Optional<String> query(ServerRequest req, String name) {
        return req.query().first(name).asOptional().filter(s -> !s.isEmpty());
    }
}
