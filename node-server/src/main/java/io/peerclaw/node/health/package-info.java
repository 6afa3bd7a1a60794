/**
 * Health answers for monitors and load balancers: {@code /api/v1/health} (503 when the database
 * does not answer) and {@code /api/v1/health/live} (the process runs). Reads counters that other
 * features hand it; depends on none of them.
 */
package io.peerclaw.node.health;
