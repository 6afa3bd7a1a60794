package io.peerclaw.node.directory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.peerclaw.shared.crypto.Encoding;
import io.peerclaw.shared.crypto.Hashes;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Rendered directory answers (bytes and ETag), kept for {@code directory.page_cache_ttl} (2 s by
 * default). New and edited agents show up when an entry expires; anything that must vanish at once
 * (deregistration, a change to private, a suspension, a category change) calls {@link
 * #invalidate()}, which bumps a generation: an entry rendered under an older generation is never
 * served, even one a slow request stores after the invalidation.
 */
final class PageCache {

    /** One rendered answer. */
    record Page(long generation, byte[] body, String etag) {}

    private final AtomicLong generation = new AtomicLong();
    private final Cache<String, Page> pages;

    /** Rendered bytes kept at most; distinct queries cannot make the cache grow past it. */
    static final long MAX_BYTES = 32L << 20;

    private final boolean enabled;

    PageCache(Duration timeToLive) {
        this.enabled = !timeToLive.isZero();
        pages =
                Caffeine.newBuilder()
                        .maximumWeight(MAX_BYTES)
                        .weigher((String key, Page page) -> key.length() + page.body().length)
                        .expireAfterWrite(enabled ? timeToLive : Duration.ofNanos(1))
                        .build();
    }

    /** The cached answer for a key, or the one {@code render} makes (which is then cached). */
    Page get(String key, Supplier<byte[]> render) {
        if (!enabled) {
            return page(generation.get(), render.get());
        }
        long current = generation.get();
        Page page = pages.get(key, k -> page(current, render.get()));
        if (page.generation() == current) {
            return page;
        }
        // Rendered before an invalidation: render again, and replace it unless yet another
        // invalidation came meanwhile.
        Page fresh = page(generation.get(), render.get());
        pages.asMap()
                .compute(key, (k, old) -> fresh.generation() == generation.get() ? fresh : null);
        return fresh;
    }

    /** Forgets every answer; callers see the change in their next request. */
    void invalidate() {
        generation.incrementAndGet();
        pages.invalidateAll();
    }

    private static Page page(long generation, byte[] body) {
        return new Page(
                generation,
                body,
                "\"" + Encoding.hex(Arrays.copyOf(Hashes.sha256(body), 12)) + "\"");
    }
}
