/**
 * User accounts: sign-up, sign-in with bcrypt passwords, JWT access tokens over revocable sessions
 * with rotating refresh tokens, user API keys ({@code pck_}), email verification codes, and the
 * admin bootstrap. Implements {@link io.peerclaw.node.identity.UserCredentials} for the rest of the
 * node.
 */
package io.peerclaw.node.accounts;
