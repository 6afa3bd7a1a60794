package io.peerclaw.node.gateway.acp;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.http.ErrorCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcpErrorTest {
    @ParameterizedTest
    @CsvSource(
            nullValues = "-",
            value = {
                "VALIDATION_ERROR, 400, invalid_input, -",
                "AUTH_ERROR, 401, invalid_input, auth_error",
                "FORBIDDEN, 403, invalid_input, forbidden",
                "NOT_FOUND, 404, not_found, -",
                "CONFLICT, 409, invalid_input, conflict",
                "PAYLOAD_TOO_LARGE, 413, invalid_input, payload_too_large",
                "RATE_LIMITED, 429, invalid_input, rate_limited",
                "INTERNAL_ERROR, 500, server_error, internal_error",
                "UNAVAILABLE, 503, server_error, unavailable"
            })
    void ourRefusalsKeepTheirStatusInAcpsThreeCodes(
            ErrorCode ours, int status, String code, String reason) {
        var error = AcpError.from(new ApiException(ours, "why", List.of(), Map.of()));

        assertThat(error.status()).isEqualTo(status);
        assertThat(error.body().get("code").asText()).isEqualTo(code);
        assertThat(error.body().get("message").asText()).isEqualTo("why");
        assertThat(error.body().path("data").path("reason").asText(null)).isEqualTo(reason);
    }

    @Test
    void headersTravelWithTheRefusal() {
        var limited = AcpError.from(ApiException.rateLimited(42));
        var anonymous = AcpError.from(ApiException.unauthenticated("sign in"));

        assertThat(limited.headers()).containsEntry("Retry-After", "42");
        assertThat(anonymous.headers()).containsKey("WWW-Authenticate");
    }
}
