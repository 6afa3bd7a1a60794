package io.peerclaw.node.accounts;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.SignatureException;
import io.peerclaw.node.config.Secret;
import io.peerclaw.node.identity.UserRole;
import io.peerclaw.shared.crypto.Encoding;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Date;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * HS256 access tokens. The signing key is derived from the node's secret for this one purpose, so
 * the same secret can key other things without a token of one kind passing for another. The only
 * class that speaks jjwt (and so {@link Date}).
 */
final class AccessTokens {
    static final String ISSUER = "peerclaw";
    static final String AUDIENCE = "peerclaw-node";
    private static final long LEEWAY_SECONDS = 30;

    private final SecretKey key;
    private final Duration ttl;
    private final InstantSource clock;

    /** What a valid token says. */
    record Claimed(String userId, UserRole role, String sessionId) {}

    AccessTokens(Secret secret, Duration ttl, InstantSource clock) {
        this.key = new SecretKeySpec(derive(secret, "peerclaw access token v1"), "HmacSHA256");
        this.ttl = ttl;
        this.clock = clock;
    }

    Duration ttl() {
        return ttl;
    }

    String issue(String userId, UserRole role, String sessionId, String tokenId) {
        Instant now = clock.instant();
        return Jwts.builder()
                .issuer(ISSUER)
                .audience()
                .add(AUDIENCE)
                .and()
                .subject(userId)
                .claim("uid", userId)
                .claim("role", role.wire())
                .claim("sid", sessionId)
                .id(tokenId)
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(ttl)))
                .signWith(key, Jwts.SIG.HS256)
                .compact();
    }

    /** The claims of a token this node signed and that has not expired, or why not. */
    sealed interface Parsed {
        record Valid(Claimed claimed) implements Parsed {}

        record Invalid(String reason) implements Parsed {}
    }

    Parsed parse(String token) {
        Claims claims;
        try {
            claims =
                    Jwts.parser()
                            .verifyWith(key)
                            .requireIssuer(ISSUER)
                            .requireAudience(AUDIENCE)
                            .clock(() -> Date.from(clock.instant()))
                            .clockSkewSeconds(LEEWAY_SECONDS)
                            .build()
                            .parseSignedClaims(token)
                            .getPayload();
        } catch (ExpiredJwtException e) {
            return new Parsed.Invalid("the access token has expired; refresh it");
        } catch (SignatureException e) {
            return new Parsed.Invalid("the access token's signature is not valid");
        } catch (JwtException | IllegalArgumentException e) {
            return new Parsed.Invalid("the bearer token is not an access token this node issued");
        }
        Optional<UserRole> role =
                Optional.ofNullable(claims.get("role", String.class)).flatMap(UserRole::parse);
        String session = claims.get("sid", String.class);
        if (claims.getSubject() == null
                || role.isEmpty()
                || session == null
                || claims.getExpiration() == null) {
            return new Parsed.Invalid("the access token lacks required claims");
        }
        return new Parsed.Valid(new Claimed(claims.getSubject(), role.get(), session));
    }

    private static byte[] derive(Secret secret, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(
                    new SecretKeySpec(
                            secret.value().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    static String randomId(java.security.SecureRandom random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Encoding.hex(bytes);
    }
}
