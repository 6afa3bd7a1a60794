/**
 * Who is calling: verifies PEERCLAW-SIG-V1 request signatures (clock skew, nonce replay, key
 * binding) and agent bearer keys ({@code pca_…}), and answers the access questions routes ask. It
 * learns registered keys through {@link io.peerclaw.node.identity.KeyDirectory} (a pure lookup) and
 * confirms a card a provider posted, once its key holder signs a request, through {@link
 * io.peerclaw.node.identity.PendingRegistrations}; the registry implements both, so that identity
 * never depends on the registry.
 */
package io.peerclaw.node.identity;
