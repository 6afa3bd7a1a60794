-- (verified, reputation_score DESC, id) led H2 to read every unverified agent above a score and
-- sort them (0.5 s at 100,000 agents) instead of walking agents_by_reputation until a page is
-- full; the reputation index serves both flags.
DROP INDEX agents_by_verified;
