-- Protocol gateway: the tasks and runs calls belong to, the log of calls (invocations), and MCP
-- sessions. All ids are UUIDs, as A2A, MCP and ACP clients expect.

-- A call's task (A2A) or run (ACP): readable by its caller until it expires.
CREATE TABLE gateway_tasks (
    id              VARCHAR(36)   PRIMARY KEY,
    agent_id        VARCHAR(32)   NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    -- Who may read and cancel it: user:<id>, agent:<id> or anon:<address>.
    caller_key      VARCHAR(96)   NOT NULL,
    context_id      VARCHAR(36)   NOT NULL,
    front_door      VARCHAR(8)    NOT NULL,
    state           VARCHAR(24)   NOT NULL,
    remote_task_id  VARCHAR(256),
    -- The input message, artifacts and status message, as the gateway's neutral JSON.
    snapshot_json   VARCHAR(1000000) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
-- A caller's tasks, newest change first (ListTasks, ACP listing).
CREATE INDEX gateway_tasks_by_caller ON gateway_tasks (caller_key, updated_at, id);
CREATE INDEX gateway_tasks_by_expiry ON gateway_tasks (expires_at);

-- One row per call to an agent through any front door.
CREATE TABLE invocations (
    id               VARCHAR(36)   PRIMARY KEY,
    agent_id         VARCHAR(32)   NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    task_id          VARCHAR(36),
    user_id          VARCHAR(36),
    caller_agent_id  VARCHAR(32),
    ip_address       VARCHAR(64),
    -- The agent's protocol, and the door the call came in by (a2a, mcp, acp, invoke, bridge).
    protocol         VARCHAR(8)    NOT NULL,
    front_door       VARCHAR(8)    NOT NULL,
    -- success, error, timeout or rejected (the caller's mistake).
    status           VARCHAR(16)   NOT NULL,
    duration_ms      BIGINT        NOT NULL,
    error            VARCHAR(1000),
    request_preview  VARCHAR(8192),
    response_preview VARCHAR(8192),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX invocations_by_agent ON invocations (agent_id, created_at, id);
CREATE INDEX invocations_by_user ON invocations (user_id, created_at, id);
CREATE INDEX invocations_by_caller_agent ON invocations (caller_agent_id, created_at, id);
CREATE INDEX invocations_by_time ON invocations (created_at);

-- MCP Streamable HTTP sessions, checked on every request after initialize.
CREATE TABLE mcp_sessions (
    id               VARCHAR(36)   PRIMARY KEY,
    -- Null for the node's own MCP server at /mcp.
    agent_id         VARCHAR(32)   REFERENCES agents (id) ON DELETE CASCADE,
    caller_key       VARCHAR(96)   NOT NULL,
    protocol_version VARCHAR(16)   NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX mcp_sessions_by_use ON mcp_sessions (last_used_at);
