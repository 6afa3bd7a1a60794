package io.peerclaw.node;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The package graph drawn in docs/architecture.md, arrow by arrow: each package may use only the
 * packages listed for it (and the foundations, and {@code shared}). A new arrow is a decision: draw
 * it in the document and add it here.
 */
class DependencyGraphTest {
    static final List<String> FOUNDATIONS = List.of("http", "storage", "config", "audit", "net");

    /** Feature and assembly packages, each with the feature packages it may use. */
    static final Map<String, List<String>> ARROWS = new LinkedHashMap<>();

    static {
        ARROWS.put("api", List.of("boot"));
        ARROWS.put("boot", List.of("*"));
        ARROWS.put(
                "admin",
                List.of(
                        "accounts",
                        "reviews",
                        "directory",
                        "gateway",
                        "reputation",
                        "registry",
                        "identity"));
        ARROWS.put("provider", List.of("directory", "gateway", "registry", "identity"));
        ARROWS.put("reviews", List.of("registry", "identity"));
        ARROWS.put("accounts", List.of("identity"));
        ARROWS.put("health", List.of());
        ARROWS.put("gateway.invoke", List.of("gateway", "directory", "registry", "identity"));
        ARROWS.put("gateway.a2a", List.of("gateway", "directory", "identity"));
        ARROWS.put(
                "gateway.mcp",
                List.of("gateway", "directory", "reputation", "registry", "identity"));
        ARROWS.put("gateway.acp", List.of("gateway", "identity"));
        ARROWS.put("gateway.connect", List.of("gateway"));
        ARROWS.put("gateway", List.of("reputation", "registry", "identity"));
        ARROWS.put("directory", List.of("uptime", "reputation", "registry"));
        ARROWS.put("signaling", List.of("contacts", "registry", "identity"));
        ARROWS.put("contacts", List.of("registry", "identity"));
        ARROWS.put("verification", List.of("reputation", "registry", "identity"));
        ARROWS.put("uptime", List.of("reputation", "registry", "identity"));
        ARROWS.put("reputation", List.of("registry"));
        ARROWS.put("registry", List.of("identity"));
        ARROWS.put("identity", List.of());
    }

    @Test
    void everyPackageIsDrawn() {
        // The layered check below considers only the packages it names: a new package left out
        // would use anything unchecked.
        var drawn = new java.util.HashSet<String>(FOUNDATIONS);
        drawn.addAll(ARROWS.keySet());
        var undrawn =
                ArchitectureTest.MAIN.stream()
                        .map(c -> c.getPackageName())
                        .filter(p -> p.startsWith("io.peerclaw.node."))
                        .map(p -> p.substring("io.peerclaw.node.".length()))
                        .filter(
                                p ->
                                        !drawn.contains(p)
                                                && FOUNDATIONS.stream()
                                                        .noneMatch(f -> p.startsWith(f + ".")))
                        .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        assertThat(undrawn).as("packages missing from ARROWS and docs/architecture.md").isEmpty();
    }

    @Test
    void packagesUseOnlyTheDrawnArrows() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String foundation : FOUNDATIONS) {
            layers = layers.layer(foundation).definedBy("io.peerclaw.node." + foundation + "..");
        }
        for (String name : ARROWS.keySet()) {
            layers = layers.layer(name).definedBy("io.peerclaw.node." + name);
        }
        for (var arrow : ARROWS.entrySet()) {
            if (arrow.getValue().equals(List.of("*"))) {
                continue;
            }
            var allowed = new java.util.ArrayList<>(arrow.getValue());
            allowed.addAll(FOUNDATIONS);
            layers =
                    layers.whereLayer(arrow.getKey())
                            .mayOnlyAccessLayers(allowed.toArray(String[]::new));
        }
        for (String foundation : FOUNDATIONS) {
            layers =
                    layers.whereLayer(foundation)
                            .mayOnlyAccessLayers(FOUNDATIONS.toArray(String[]::new));
        }
        layers.because("docs/architecture.md draws these arrows and no others")
                .check(ArchitectureTest.MAIN);
    }
}
