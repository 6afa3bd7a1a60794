package io.peerclaw.shared.protocol.api;

import java.util.Map;

/** {@code GET /api/v1/health}: overall status, each component's, and headline counters. */
public record Health(String status, Map<String, String> components, long registeredAgents) {}
