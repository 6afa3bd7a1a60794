/** Benchmark tools run against a live node by the scripts in {@code bench/}. */
package io.peerclaw.bench;
