-- Trust engine: the score's bookkeeping on the agent row, and what each event did.

-- When the score was last brought up to date (epoch milliseconds; 0 = never moved), how many
-- events have counted, and the running sum of ln(slope) of every update applied so far: an
-- event's remaining influence on today's score is its own move times exp(now's sum - its sum).
ALTER TABLE agents ADD COLUMN reputation_updated_ms BIGINT NOT NULL DEFAULT 0;
ALTER TABLE agents ADD COLUMN reputation_event_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE agents ADD COLUMN reputation_log_slope DOUBLE PRECISION NOT NULL DEFAULT 0;

-- delta: how far the event itself moved the score; log_slope: the agent's running sum after it.
-- dedupe_key makes an event count once (a registration, a verification of one key and endpoint,
-- a user's review, an uptime sample per period); a replaced review loses its key and is voided.
ALTER TABLE reputation_events ADD COLUMN delta DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE reputation_events ADD COLUMN log_slope DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE reputation_events ADD COLUMN dedupe_key VARCHAR(200);
ALTER TABLE reputation_events ADD COLUMN voided BOOLEAN NOT NULL DEFAULT FALSE;
CREATE UNIQUE INDEX reputation_events_once ON reputation_events (agent_id, dedupe_key);
-- Caps count an agent's recent events of one type; the profile sums them per type.
CREATE INDEX reputation_events_by_type ON reputation_events (agent_id, event_type, created_at);
-- Newest first with a stable order for pages of the history.
CREATE INDEX reputation_events_by_id ON reputation_events (agent_id, id DESC);
