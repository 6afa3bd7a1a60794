package io.peerclaw.node.gateway.a2a;

import java.util.Optional;

/** The operations of A2A's JSON-RPC binding, by their 1.0 and 0.3 method names. */
enum A2aMethod {
    SEND_MESSAGE("SendMessage", "message/send"),
    SEND_STREAMING_MESSAGE("SendStreamingMessage", "message/stream"),
    GET_TASK("GetTask", "tasks/get"),
    LIST_TASKS("ListTasks", null),
    CANCEL_TASK("CancelTask", "tasks/cancel"),
    SUBSCRIBE_TO_TASK("SubscribeToTask", "tasks/resubscribe"),
    CREATE_PUSH_CONFIG("CreateTaskPushNotificationConfig", "tasks/pushNotificationConfig/set"),
    GET_PUSH_CONFIG("GetTaskPushNotificationConfig", "tasks/pushNotificationConfig/get"),
    LIST_PUSH_CONFIGS("ListTaskPushNotificationConfigs", "tasks/pushNotificationConfig/list"),
    DELETE_PUSH_CONFIG("DeleteTaskPushNotificationConfig", "tasks/pushNotificationConfig/delete"),
    GET_EXTENDED_CARD("GetExtendedAgentCard", "agent/getAuthenticatedExtendedCard");

    private final String v1Name;
    private final String v03Name;

    A2aMethod(String v1Name, String v03Name) {
        this.v1Name = v1Name;
        this.v03Name = v03Name;
    }

    /** A method as named on the wire: the operation and the generation its name belongs to. */
    record Named(A2aMethod method, A2aVersion wire) {}

    static Optional<Named> named(String name) {
        for (A2aMethod method : values()) {
            if (method.v1Name.equals(name)) {
                return Optional.of(new Named(method, A2aVersion.V1_0));
            }
            if (name.equals(method.v03Name)) {
                return Optional.of(new Named(method, A2aVersion.V0_3));
            }
        }
        return Optional.empty();
    }

    boolean streams() {
        return this == SEND_STREAMING_MESSAGE || this == SUBSCRIBE_TO_TASK;
    }

    boolean pushConfig() {
        return this == CREATE_PUSH_CONFIG
                || this == GET_PUSH_CONFIG
                || this == LIST_PUSH_CONFIGS
                || this == DELETE_PUSH_CONFIG;
    }
}
