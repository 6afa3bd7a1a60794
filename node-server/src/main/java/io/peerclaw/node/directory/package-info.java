/**
 * The public directory: what anyone may see of public, unsuspended agents, with filters, full-text
 * search over its own inverted index, categories, reviews and reputation history. It reads the
 * registry's tables but never writes them; it learns of registrations through {@link
 * io.peerclaw.node.registry.AgentChangeListener}.
 */
package io.peerclaw.node.directory;
