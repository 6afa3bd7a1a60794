package io.peerclaw.node.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerclaw.node.http.ApiException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PageTokensTest {
    private static final String ID = "mlxjggwmbweqhnaqeres25plfubybgvz";

    @Test
    void everySortKeyRoundTrips() {
        Map<DirectorySort, Object> keys =
                Map.of(
                        DirectorySort.REPUTATION,
                        0.123456789012345,
                        DirectorySort.NAME,
                        "Name: with colons",
                        DirectorySort.REGISTERED_AT,
                        Instant.parse("2026-03-04T05:06:07.891Z"),
                        DirectorySort.POPULAR,
                        42L);
        keys.forEach(
                (sort, key) -> {
                    String token = PageTokens.encode(sort, new ListingQuery.Cursor(key, ID));
                    assertThat(PageTokens.decode(sort, token))
                            .contains(new ListingQuery.Cursor(key, ID));
                });
        assertThat(PageTokens.decode(DirectorySort.NAME, "")).isEmpty();
    }

    @Test
    void aTokenFitsOnlyItsSort() {
        String token = PageTokens.encode(DirectorySort.NAME, new ListingQuery.Cursor("a", ID));
        assertThatThrownBy(() -> PageTokens.decode(DirectorySort.REPUTATION, token))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.errors().getFirst().field()).isEqualTo("page_token"));
    }

    @Test
    void forgedTokensAreRejected() {
        for (String token : new String[] {"garbage!", "cjpub3Q6MC41", "cjp4eHg6MC41"}) {
            assertThatThrownBy(() -> PageTokens.decode(DirectorySort.REPUTATION, token))
                    .isInstanceOf(ApiException.class);
        }
        assertThatThrownBy(() -> PageTokens.decodeReview("dj06eA"))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void reviewTokensRoundTrip() {
        var cursor = new DirectoryStore.ReviewCursor(Instant.parse("2026-01-01T00:00:00Z"), "r-1");
        assertThat(PageTokens.decodeReview(PageTokens.encodeReview(cursor))).contains(cursor);
    }
}
