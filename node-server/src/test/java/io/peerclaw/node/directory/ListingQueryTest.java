package io.peerclaw.node.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerclaw.node.http.ApiException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The checks in-process callers get, which the HTTP route shares. */
class ListingQueryTest {

    @Test
    void emptyTextsCountAsAbsentAndLargePagesAreCut() {
        var query =
                ListingQuery.of(
                        DirectoryQuery.all(DirectorySort.NAME, 500, "")
                                .withSearch(Optional.of(""))
                                .withCapability(Optional.of(""))
                                .withProtocol(Optional.of("")));

        assertThat(query.search()).isEmpty();
        assertThat(query.capability()).isEmpty();
        assertThat(query.protocol()).isEmpty();
        assertThat(query.after()).isEmpty();
        assertThat(query.limit()).isEqualTo(DirectoryQuery.MAX_PAGE_SIZE);
    }

    @Test
    void aBadValueIsRefusedNamingItsParameter() {
        var all = DirectoryQuery.all(DirectorySort.REPUTATION, 10, "");
        assertThatThrownBy(() -> ListingQuery.of(all.withProtocol(Optional.of("smtp"))))
                .isInstanceOf(ApiException.class)
                .hasMessage("protocol must be one of a2a, mcp, acp");
        assertThatThrownBy(() -> ListingQuery.of(all.withSearch(Optional.of("!!"))))
                .isInstanceOf(ApiException.class)
                .hasMessage("search must contain a letter or a digit");
        assertThatThrownBy(() -> ListingQuery.of(DirectoryQuery.all(DirectorySort.NAME, 0, "")))
                .isInstanceOf(ApiException.class)
                .hasMessage("page_size must be at least 1");
        assertThatThrownBy(
                        () ->
                                ListingQuery.of(
                                        DirectoryQuery.all(DirectorySort.NAME, 10, "not-a-token")))
                .isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).errors().getFirst().field())
                .isEqualTo("page_token");
    }
}
