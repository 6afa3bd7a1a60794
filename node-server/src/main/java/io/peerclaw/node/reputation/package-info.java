/**
 * The trust engine: every reputation event, how it moves an agent's score (an exponentially
 * weighted average pulled toward each event's target, drifting back to 0.5 while idle), the rules
 * that keep it hard to game (caps, once-only events, replaceable reviews), the Trusted badge, and
 * the explanation shown on profiles. See {@code docs/reputation.md}.
 */
package io.peerclaw.node.reputation;
