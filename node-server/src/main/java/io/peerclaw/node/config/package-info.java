/**
 * Reads the node's YAML configuration (the original project's keys plus our own sections),
 * substitutes {@code ${ENV}} references, applies {@code PEERCLAW_*} environment overrides,
 * validates everything at once and seals the result into immutable records. Nothing else in the
 * node reads configuration files or the environment.
 */
package io.peerclaw.node.config;
