/**
 * User accounts: sign-up, sign-in with bcrypt passwords, JWT access tokens over revocable sessions
 * with rotating refresh tokens, user API keys ({@code pck_}), email verification codes, and the
 * admin bootstrap.
 *
 * <p>One class per job, each over its own store: {@link io.peerclaw.node.accounts.SignUp} and
 * {@link io.peerclaw.node.accounts.SignIn} (with the lockout) over {@code UserStore}, {@link
 * io.peerclaw.node.accounts.Profiles} for a user's own account, {@link
 * io.peerclaw.node.accounts.Sessions} (refresh-token rotation, revocation) over {@code
 * SessionStore}, {@link io.peerclaw.node.accounts.EmailCodes} over {@code EmailCodeStore}, {@link
 * io.peerclaw.node.accounts.UserApiKeys} over {@code UserKeyStore}, and {@link
 * io.peerclaw.node.accounts.UserAdministration} (listing, roles, deletion, the admin bootstrap)
 * over {@code UserAdminStore}. The use cases people drive through {@code /auth/…} travel together
 * as {@link io.peerclaw.node.accounts.SelfService}; {@link
 * io.peerclaw.node.accounts.PasswordHasher} bounds the bcrypt work they share. {@link
 * io.peerclaw.node.accounts.BearerCredentials} implements {@link
 * io.peerclaw.node.identity.UserCredentials} for the rest of the node; {@link
 * io.peerclaw.node.accounts.AccountsFeature} is the entry point that wires them and hands out what
 * other features use.
 */
package io.peerclaw.node.accounts;
