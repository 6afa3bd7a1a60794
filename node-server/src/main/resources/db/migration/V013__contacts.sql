-- An agent's contacts: the agents allowed to reach it (owner_agent_id is the one reached). One
-- direction per row; an approved contact request writes both.
CREATE TABLE agent_contacts (
    owner_agent_id      VARCHAR(32)   NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    contact_agent_id    VARCHAR(32)   NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    alias               VARCHAR(200)  NOT NULL DEFAULT '',
    expires_at          TIMESTAMP WITH TIME ZONE,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (owner_agent_id, contact_agent_id)
);
-- Deleting an agent removes it from everyone's lists through this index.
CREATE INDEX agent_contacts_by_contact ON agent_contacts (contact_agent_id);

-- One request per ordered pair: asking again reopens the same row.
CREATE TABLE agent_contact_requests (
    id                  VARCHAR(36)   PRIMARY KEY,
    from_agent_id       VARCHAR(32)   NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    to_agent_id         VARCHAR(32)   NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    status              VARCHAR(16)   NOT NULL,
    message             VARCHAR(1000) NOT NULL DEFAULT '',
    reject_reason       VARCHAR(1000) NOT NULL DEFAULT '',
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    UNIQUE (from_agent_id, to_agent_id)
);
CREATE INDEX agent_contact_requests_incoming ON agent_contact_requests (to_agent_id, created_at);
CREATE INDEX agent_contact_requests_outgoing ON agent_contact_requests (from_agent_id, created_at);
