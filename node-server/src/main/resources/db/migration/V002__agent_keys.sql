-- Bearer keys an agent minted for itself (pca_...). Only the SHA-256 of a key is kept.
CREATE TABLE agent_keys (
    id              VARCHAR(36)  PRIMARY KEY,
    agent_id        VARCHAR(32)  NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    name            VARCHAR(100) NOT NULL,
    key_hash        VARCHAR(64)  NOT NULL UNIQUE,
    prefix          VARCHAR(16)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX agent_keys_by_agent ON agent_keys (agent_id, created_at);
