/**
 * The connection pool, a thin JDBC helper that every feature's {@code *Store} uses, and the
 * numbered schema migrations that run on H2 and PostgreSQL alike. Depends on no feature.
 */
package io.peerclaw.node.storage;
