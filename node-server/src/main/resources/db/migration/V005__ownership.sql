-- Who owns an agent, its moderation state and the settings its owner controls.
ALTER TABLE agents ADD COLUMN owner_user_id VARCHAR(36);
ALTER TABLE agents ADD CONSTRAINT agents_owner_fk
    FOREIGN KEY (owner_user_id) REFERENCES users (id) ON DELETE SET NULL;
CREATE INDEX agents_by_owner ON agents (owner_user_id, registered_at, id);
ALTER TABLE agents ADD COLUMN playground_enabled BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE agents ADD COLUMN public_endpoint BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE agents ADD COLUMN suspended_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE agents ADD COLUMN suspended_reason VARCHAR(1000);
-- Written by the trust engine; the directory filters and sorts on them.
ALTER TABLE agents ADD COLUMN verified BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE agents ADD COLUMN verified_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE agents ADD COLUMN reputation_score DOUBLE PRECISION NOT NULL DEFAULT 0.5;

-- Cards a provider posted for a key it does not hold. They stay invisible until the key holder
-- signs a request; a registration by the key holder replaces them.
CREATE TABLE pending_agents (
    id                  VARCHAR(32)   PRIMARY KEY,
    public_key          VARCHAR(64)   NOT NULL,
    owner_user_id       VARCHAR(36)   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    card_json           VARCHAR(1000000) NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX pending_agents_by_owner ON pending_agents (owner_user_id, created_at);

-- One-time codes a provider hands to an agent so that it registers as the provider's.
CREATE TABLE claim_tokens (
    id                  VARCHAR(36)   PRIMARY KEY,
    code                VARCHAR(16)   NOT NULL UNIQUE,
    user_id             VARCHAR(36)   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status              VARCHAR(16)   NOT NULL,
    agent_id            VARCHAR(32),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_at          TIMESTAMP WITH TIME ZONE
);
CREATE INDEX claim_tokens_by_user ON claim_tokens (user_id, status, expires_at);

-- Users asking to use a private (or non-playground) agent, and the owner's answer.
CREATE TABLE access_requests (
    id                  VARCHAR(36)   PRIMARY KEY,
    agent_id            VARCHAR(32)   NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    user_id             VARCHAR(36)   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status              VARCHAR(16)   NOT NULL,
    message             VARCHAR(1000) NOT NULL DEFAULT '',
    reject_reason       VARCHAR(1000) NOT NULL DEFAULT '',
    expires_at          TIMESTAMP WITH TIME ZONE,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    UNIQUE (agent_id, user_id)
);
CREATE INDEX access_requests_by_agent ON access_requests (agent_id, created_at);
