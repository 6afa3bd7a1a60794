/**
 * The security audit trail: events such as registrations, deregistrations, failed authentication,
 * rate limiting and key changes, written as JSON lines to {@code audit_log.output} and kept in the
 * {@code audit_log} table. Append only; depends on no feature.
 */
package io.peerclaw.node.audit;
