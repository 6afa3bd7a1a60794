package io.peerclaw.node.directory;

import java.util.List;

/**
 * One page of a directory listing, as {@code GET /api/v1/directory} answers it.
 *
 * @param nextPageToken where the next page starts; empty on the last page
 */
public record DirectoryPage(List<DirectoryEntry> agents, String nextPageToken) {
    public DirectoryPage {
        agents = List.copyOf(agents);
    }

    static DirectoryPage empty() {
        return new DirectoryPage(List.of(), "");
    }
}
