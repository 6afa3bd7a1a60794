-- ACP's agent listing opens private agents a user holds an approved grant for: the grants are read
-- by user. H2 has an index on user_id for its foreign key; PostgreSQL makes none, and would scan
-- every access request on each page.
CREATE INDEX access_requests_by_user ON access_requests (user_id, status, agent_id);
