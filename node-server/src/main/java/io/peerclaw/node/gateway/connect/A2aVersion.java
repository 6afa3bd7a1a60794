package io.peerclaw.node.gateway.connect;

/** The A2A wire generations the connector speaks (protocols.md §1.1). */
enum A2aVersion {
    /** ProtoJSON: {@code SendMessage}, {@code ROLE_USER}, {@code TASK_STATE_*}, oneof by member. */
    V1_0,
    /** {@code message/send}, {@code kind} discriminators, lowercase states. */
    V0_3;

    String send(boolean streaming) {
        return switch (this) {
            case V1_0 -> streaming ? "SendStreamingMessage" : "SendMessage";
            case V0_3 -> streaming ? "message/stream" : "message/send";
        };
    }

    String cancel() {
        return this == V1_0 ? "CancelTask" : "tasks/cancel";
    }
}
