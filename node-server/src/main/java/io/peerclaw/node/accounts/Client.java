package io.peerclaw.node.accounts;

/** Who made a request, for sessions and limits. */
record Client(String address, String userAgent) {}
