-- Agent registry: the card of every agent, its liveness, and lookup tables for the filters.
-- The card itself is stored as JSON; the columns are what queries filter and sort on.
CREATE TABLE agents (
    id              VARCHAR(32)    PRIMARY KEY,
    -- No unique index: the id is derived from the key, so the primary key already guards it.
    public_key      VARCHAR(64)    NOT NULL,
    name            VARCHAR(1024)  NOT NULL,
    visibility      VARCHAR(16)    NOT NULL,
    card_json       VARCHAR(1000000) NOT NULL,
    registered_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Newest first listing and keyset pagination.
CREATE INDEX agents_by_registration ON agents (registered_at, id);

-- Status and last heartbeat change all the time; kept apart from the card so that writing a batch
-- of heartbeats rewrites narrow rows, not every card.
CREATE TABLE agent_liveness (
    agent_id        VARCHAR(32)  PRIMARY KEY REFERENCES agents (id) ON DELETE CASCADE,
    status          VARCHAR(16)  NOT NULL,
    last_heartbeat  TIMESTAMP WITH TIME ZONE NOT NULL,
    registered_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
-- Listing by status, newest first.
CREATE INDEX agent_liveness_by_status ON agent_liveness (status, registered_at, agent_id);
-- The sweep looks for agents shown as up whose last heartbeat is old.
CREATE INDEX agent_liveness_by_heartbeat ON agent_liveness (status, last_heartbeat);

-- One row per declared capability / protocol, carrying the sort key so a filtered page is an
-- ordered index range, not a scan and sort.
CREATE TABLE agent_capabilities (
    agent_id        VARCHAR(32)  NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    capability      VARCHAR(128) NOT NULL,
    registered_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (agent_id, capability)
);
CREATE INDEX agent_capabilities_lookup ON agent_capabilities (capability, registered_at, agent_id);

CREATE TABLE agent_protocols (
    agent_id        VARCHAR(32) NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    protocol        VARCHAR(8)  NOT NULL,
    registered_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (agent_id, protocol)
);
CREATE INDEX agent_protocols_lookup ON agent_protocols (protocol, registered_at, agent_id);
