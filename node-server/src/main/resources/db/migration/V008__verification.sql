-- Endpoint verification: when each verified agent's endpoint is challenged again, and how many
-- re-checks in a row have failed (three clear the verified flag).
CREATE TABLE endpoint_checks (
    agent_id             VARCHAR(32)   PRIMARY KEY REFERENCES agents (id) ON DELETE CASCADE,
    endpoint_url         VARCHAR(2048) NOT NULL,
    consecutive_failures INTEGER       NOT NULL DEFAULT 0,
    last_checked_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_result          VARCHAR(64)   NOT NULL,
    next_check_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
-- The re-check job reads the due rows in time order.
CREATE INDEX endpoint_checks_due ON endpoint_checks (next_check_at, agent_id);
