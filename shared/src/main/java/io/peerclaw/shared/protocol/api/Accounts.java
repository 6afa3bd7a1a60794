package io.peerclaw.shared.protocol.api;

import java.time.Instant;
import java.util.List;

/** User accounts: sign-up, sessions, profile and user API keys ({@code pck_…}). */
public final class Accounts {
    private Accounts() {}

    public record RegisterRequest(String email, String password, String displayName) {}

    public record LoginRequest(String email, String password) {}

    public record RefreshRequest(String refreshToken) {}

    /** Access token (JWT), its lifetime in seconds, and the refresh token that replaces it. */
    public record TokenPair(String accessToken, String refreshToken, long expiresIn) {}

    public record User(
            String id,
            String email,
            String displayName,
            String description,
            String role,
            boolean emailVerified,
            Instant createdAt,
            Instant updatedAt) {}

    /** The answer to a registration; {@code requires_verification} when a code was sent. */
    public record Registered(User user, Boolean requiresVerification) {}

    /**
     * A partial profile update; absent fields stay. Changing {@code email} or {@code password}
     * needs {@code current_password}.
     */
    public record ProfileUpdate(
            String displayName,
            String description,
            String email,
            String password,
            String currentPassword) {}

    /** Confirms a registration or an email change with the emailed code. */
    public record VerifyEmailRequest(String email, String code) {}

    public record ResendRequest(String email) {}

    public record ApiKeyRequest(String name, List<String> scopes, Instant expiresAt) {}

    /** A new key; {@code key} is the only time the secret is shown. */
    public record ApiKeyCreated(
            String id,
            String key,
            String prefix,
            String name,
            List<String> scopes,
            Instant createdAt,
            Instant expiresAt) {}

    public record ApiKey(
            String id,
            String prefix,
            String name,
            List<String> scopes,
            Instant createdAt,
            Instant expiresAt,
            Instant lastUsed) {}

    public record ApiKeyList(List<ApiKey> keys) {}
}
