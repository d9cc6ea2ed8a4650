package cn.degreehub.common;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * In-memory state that anonymous callers can grow (an entry per client address or user name) is held only
 * in caches bounded in size and in time, and each one is published as
 * {@code degreehub_security_tracked_entries{cache=...}} next to its bound
 * {@code degreehub_security_tracked_max_entries}, so an operator (and the flood test) can see it stay below.
 */
public final class BoundedState {

    private BoundedState() {
    }

    /** A cache of at most {@code maxEntries}, each forgotten {@code forgetAfter} after it was last written. */
    public static <K, V> Cache<K, V> cache(long maxEntries, Duration forgetAfter, Clock clock) {
        return Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(forgetAfter).ticker(ticker(clock)).build();
    }

    /** A cache of at most {@code maxEntries}, each forgotten when it was not used for {@code idleFor}. */
    public static <K, V> Cache<K, V> idleCache(long maxEntries, Duration idleFor) {
        return Caffeine.newBuilder().maximumSize(maxEntries).expireAfterAccess(idleFor).build();
    }

    /** Caffeine's time from the hub's clock, so tests with a clock of their own see entries expire. */
    private static Ticker ticker(Clock clock) {
        return () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
    }

    /** Entries held now: evictions are done lazily, so they are settled first. */
    public static long size(Cache<?, ?> cache) {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    public static void publish(MeterRegistry meters, String name, Cache<?, ?> cache, long maxEntries) {
        Gauge.builder("degreehub.security.tracked.entries", cache, BoundedState::size)
                .description("entries of in-memory state that callers can grow (failed logins, rate-limiter buckets)")
                .tag("cache", name).register(meters);
        Gauge.builder("degreehub.security.tracked.max.entries", () -> maxEntries)
                .description("the configured bound of that state").tag("cache", name).register(meters);
    }
}
