package io.peerclaw.shared.protocol.api;

import io.peerclaw.shared.model.AgentCard;
import java.util.List;

/** A page of agents; {@code next_page_token} is empty on the last page. */
public record AgentList(List<AgentCard> agents, String nextPageToken) {}
