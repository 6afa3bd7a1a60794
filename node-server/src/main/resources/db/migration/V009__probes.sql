-- Uptime probes: each agent's place in the schedule with its last result, and per-hour counts for
-- the 24 h uptime. Two narrow tables, never a row per probe: 100,000 agents keep 100,000 status
-- rows and at most 48 hour rows each.

-- next_probe_at orders the schedule; a node takes a due agent by moving it forward with an UPDATE
-- that names the time it read, so two nodes sharing the database never probe one agent twice.
CREATE TABLE probe_status (
    agent_id        VARCHAR(32)  PRIMARY KEY REFERENCES agents (id) ON DELETE CASCADE,
    next_probe_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_probe_at   TIMESTAMP WITH TIME ZONE,
    last_probe_ok   BOOLEAN,
    last_protocol   VARCHAR(8),
    last_detail     VARCHAR(500)
);
CREATE INDEX probe_status_due ON probe_status (next_probe_at);

-- Scheduled probes and how many found the agent up, per agent and hour since the epoch; hours older
-- than 48 are deleted.
CREATE TABLE probe_hours (
    agent_id        VARCHAR(32)  NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    epoch_hour      BIGINT       NOT NULL,
    probes          INTEGER      NOT NULL,
    ups             INTEGER      NOT NULL,
    PRIMARY KEY (agent_id, epoch_hour)
);
CREATE INDEX probe_hours_by_hour ON probe_hours (epoch_hour);
