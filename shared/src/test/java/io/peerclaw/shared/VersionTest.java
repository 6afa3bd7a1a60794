package io.peerclaw.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VersionTest {
    @Test
    void isTheBuildsVersionNotAPlaceholder() {
        // Stamped by Maven into version.properties; every place that names the node reads it here.
        assertThat(Version.current()).matches("\\d+\\.\\d+\\.\\d+(-[A-Za-z0-9.]+)?");
    }
}
