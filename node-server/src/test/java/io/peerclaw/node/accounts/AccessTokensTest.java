package io.peerclaw.node.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.jsonwebtoken.Jwts;
import io.peerclaw.node.config.Secret;
import io.peerclaw.node.fixtures.MutableClock;
import io.peerclaw.node.identity.UserRole;
import io.peerclaw.shared.crypto.Encoding;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class AccessTokensTest {
    static final Secret SECRET = new Secret("a".repeat(48));
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    final AccessTokens tokens = new AccessTokens(SECRET, Duration.ofMinutes(15), clock);

    @Test
    void aFreshTokenCarriesUserRoleAndSession() {
        var parsed = tokens.parse(tokens.issue("u1", UserRole.PROVIDER, "s1", "j1"));
        assertThat(parsed)
                .isEqualTo(
                        new AccessTokens.Parsed.Valid(
                                new AccessTokens.Claimed("u1", UserRole.PROVIDER, "s1")));
    }

    @Test
    void theTokenHasTheStandardClaims() {
        String token = tokens.issue("u1", UserRole.USER, "s1", "j1");
        String payload =
                new String(
                        Encoding.fromBase64Url(token.split("\\.")[1]).orElseThrow(),
                        StandardCharsets.UTF_8);
        assertThat(payload)
                .contains("\"sub\":\"u1\"", "\"iss\":\"peerclaw\"", "\"aud\":[\"peerclaw-node\"]")
                .contains("\"jti\":\"j1\"", "\"iat\":", "\"exp\":", "\"role\":\"user\"");
    }

    @Test
    void expiredTokensAreRefusedAfterALittleLeeway() {
        String token = tokens.issue("u1", UserRole.USER, "s1", "j1");
        clock.advance(Duration.ofMinutes(15).plusSeconds(20));
        assertThat(tokens.parse(token)).isInstanceOf(AccessTokens.Parsed.Valid.class);
        clock.advance(Duration.ofSeconds(20));
        assertThat(tokens.parse(token))
                .isEqualTo(
                        new AccessTokens.Parsed.Invalid(
                                "the access token has expired; refresh it"));
    }

    @Test
    void anotherNodesSecretDoesNotVerify() {
        var other = new AccessTokens(new Secret("b".repeat(48)), Duration.ofMinutes(15), clock);
        assertThat(tokens.parse(other.issue("u1", UserRole.ADMIN, "s1", "j1")))
                .isInstanceOf(AccessTokens.Parsed.Invalid.class);
    }

    @Test
    void theRawSecretIsNotTheSigningKey() {
        // A token signed with the configured secret itself (not the derived key) is refused.
        var raw = new SecretKeySpec(SECRET.value().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        String token =
                Jwts.builder()
                        .issuer("peerclaw")
                        .audience()
                        .add("peerclaw-node")
                        .and()
                        .subject("u1")
                        .claim("role", "admin")
                        .claim("sid", "s1")
                        .expiration(Date.from(clock.instant().plusSeconds(60)))
                        .signWith(raw)
                        .compact();
        assertThat(tokens.parse(token)).isInstanceOf(AccessTokens.Parsed.Invalid.class);
    }

    @Test
    void unsignedAndForeignTokensAreRefused() {
        String unsigned =
                Jwts.builder()
                        .issuer("peerclaw")
                        .audience()
                        .add("peerclaw-node")
                        .and()
                        .subject("u1")
                        .claim("role", "admin")
                        .claim("sid", "s1")
                        .expiration(Date.from(clock.instant().plusSeconds(60)))
                        .compact();
        assertThat(tokens.parse(unsigned)).isInstanceOf(AccessTokens.Parsed.Invalid.class);
        assertThat(tokens.parse("not.a.token")).isInstanceOf(AccessTokens.Parsed.Invalid.class);
        assertThat(tokens.parse("")).isInstanceOf(AccessTokens.Parsed.Invalid.class);
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        var derived = new AccessTokens(SECRET, Duration.ofMinutes(15), clock);
        String good = derived.issue("u1", UserRole.USER, "s1", "j1");
        String[] parts = good.split("\\.");
        String payload =
                new String(Encoding.fromBase64Url(parts[1]).orElseThrow(), StandardCharsets.UTF_8)
                        .replace("peerclaw-node", "elsewhere");
        String swapped =
                parts[0]
                        + "."
                        + Encoding.base64Url(payload.getBytes(StandardCharsets.UTF_8))
                        + "."
                        + parts[2];
        assertThat(tokens.parse(swapped)).isInstanceOf(AccessTokens.Parsed.Invalid.class);
    }
}
