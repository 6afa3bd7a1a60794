package io.peerclaw.node.signaling;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The upstream frame types: who may send each, and whether it goes to a recipient. */
enum SignalType {
    OFFER("offer", true),
    ANSWER("answer", true),
    ICE_CANDIDATE("ice_candidate", true),
    PING("ping", true),
    PONG("pong", false),
    CONFIG("config", false),
    BRIDGE_MESSAGE("bridge_message", true),
    FEDERATION_FORWARD("federation_forward", false),
    CONNECTION_REQUEST("connection_request", true),
    MAILBOX_WAKEUP("mailbox_wakeup", true),
    CONTACT_REQUEST("contact_request", true),
    CONTACT_ADDED("contact_added", false),
    SIGNALING_ERROR("signaling_error", false),
    NOTIFICATION("notification", false);

    private static final Map<String, SignalType> BY_WIRE =
            Arrays.stream(values()).collect(Collectors.toMap(t -> t.wire, Function.identity()));

    private final String wire;
    private final boolean fromClients;

    SignalType(String wire, boolean fromClients) {
        this.wire = wire;
        this.fromClients = fromClients;
    }

    static Optional<SignalType> of(String wire) {
        return Optional.ofNullable(wire).map(BY_WIRE::get);
    }

    String wire() {
        return wire;
    }

    /** Whether an agent may send it; the others are the node's own. */
    boolean fromClients() {
        return fromClients;
    }

    /** Whether it names a recipient ({@code to}); only {@code ping} does not. */
    boolean addressed() {
        return this != PING;
    }
}
