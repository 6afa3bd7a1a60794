-- User accounts: people who sign in to the provider console, review agents and moderate.
CREATE TABLE users (
    id                  VARCHAR(36)   PRIMARY KEY,
    -- Lower-cased and trimmed before it is stored; the unique index is the duplicate guard.
    email               VARCHAR(254)  NOT NULL UNIQUE,
    password_hash       VARCHAR(60)   NOT NULL,
    display_name        VARCHAR(100)  NOT NULL,
    description         VARCHAR(2000) NOT NULL DEFAULT '',
    role                VARCHAR(16)   NOT NULL,
    email_verified      BOOLEAN       NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX users_by_creation ON users (created_at, id);
CREATE INDEX users_by_role ON users (role, created_at, id);

-- One row per sign-in. Refresh tokens rotate inside a session; a reused old token revokes it.
CREATE TABLE sessions (
    id                  VARCHAR(36)   PRIMARY KEY,
    user_id             VARCHAR(36)   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    ip_address          VARCHAR(64),
    user_agent          VARCHAR(256),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at          TIMESTAMP WITH TIME ZONE,
    revoked_reason      VARCHAR(32)
);
CREATE INDEX sessions_by_user ON sessions (user_id, created_at);

-- Every refresh token a session was given, by SHA-256. Only the newest one (superseded_at null)
-- may be used; presenting an older one is reuse.
CREATE TABLE refresh_tokens (
    token_hash          VARCHAR(64)   PRIMARY KEY,
    session_id          VARCHAR(36)   NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    issued_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    superseded_at       TIMESTAMP WITH TIME ZONE
);
CREATE INDEX refresh_tokens_by_session ON refresh_tokens (session_id);

-- User API keys (pck_...), by SHA-256; the raw key is shown once.
CREATE TABLE user_api_keys (
    id                  VARCHAR(36)   PRIMARY KEY,
    user_id             VARCHAR(36)   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name                VARCHAR(100)  NOT NULL,
    key_hash            VARCHAR(64)   NOT NULL UNIQUE,
    prefix              VARCHAR(16)   NOT NULL,
    scopes              VARCHAR(100)  NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at          TIMESTAMP WITH TIME ZONE,
    last_used_at        TIMESTAMP WITH TIME ZONE,
    revoked_at          TIMESTAMP WITH TIME ZONE
);
CREATE INDEX user_api_keys_by_user ON user_api_keys (user_id, created_at);

-- One-time codes for email verification, by SHA-256, with the attempts made against them.
CREATE TABLE email_verifications (
    id                  VARCHAR(36)   PRIMARY KEY,
    email               VARCHAR(254)  NOT NULL,
    -- Set when the code confirms an email change of an existing account.
    user_id             VARCHAR(36)   REFERENCES users (id) ON DELETE CASCADE,
    code_hash           VARCHAR(64)   NOT NULL,
    purpose             VARCHAR(16)   NOT NULL,
    attempts            INTEGER       NOT NULL DEFAULT 0,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at             TIMESTAMP WITH TIME ZONE
);
CREATE INDEX email_verifications_by_email ON email_verifications (email, created_at);

-- Who did it, when an account (an admin, a provider) acted rather than an agent.
ALTER TABLE audit_log ADD COLUMN actor_user_id VARCHAR(36);
CREATE INDEX audit_log_by_actor ON audit_log (actor_user_id, occurred_at);
