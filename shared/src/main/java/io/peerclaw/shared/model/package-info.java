/**
 * Domain records and the agent card wire type. Plain records without framework annotations; the
 * JSON naming (snake_case) is configured once in {@code io.peerclaw.shared.json}.
 */
package io.peerclaw.shared.model;
