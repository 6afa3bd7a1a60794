package io.peerclaw.node.api;

import java.util.List;

/** The node could not start; each problem is one line a user can act on. */
public final class NodeStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;
    private final boolean configuration;

    NodeStartException(List<String> problems, boolean configuration, Throwable cause) {
        super(String.join("\n", problems), cause);
        this.problems = List.copyOf(problems);
        this.configuration = configuration;
    }

    public List<String> problems() {
        return problems;
    }

    /** Whether the configuration was at fault (as opposed to, say, a port in use). */
    public boolean isConfigurationProblem() {
        return configuration;
    }
}
