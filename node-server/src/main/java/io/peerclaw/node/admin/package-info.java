/**
 * The admin area: overview figures, accounts, every agent, abuse reports, categories, analytics and
 * the audit trail. It owns no table; it orchestrates the public use cases of the other features,
 * and every change it makes is audited with the admin's id.
 */
package io.peerclaw.node.admin;
