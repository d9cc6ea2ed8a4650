package cn.degreehub.partner;

import cn.degreehub.common.SqlDialect;
import cn.degreehub.common.UtcTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.wss4j.common.cache.ReplayCache;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * WS-Security nonces kept in the database: a replayed digest is refused after a restart and on any
 * node. {@link #firstUse} is atomic through the primary key, so of two concurrent requests with the same
 * nonce only one is accepted. The hub's validator stores a nonce only after the token's password was right.
 */
public class JdbcReplayCache implements ReplayCache {

    private static final Duration DEFAULT_TTL = Duration.ofMinutes(10);

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public JdbcReplayCache(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void add(String id) {
        add(id, clock.instant().plus(DEFAULT_TTL));
    }

    @Override
    public void add(String id, Instant expiry) {
        if (!firstUse(id, expiry)) {
            throw new IllegalStateException("Nonce replayed");
        }
    }

    /** Stores the nonce until {@code expiry}; false if it was used before. */
    public boolean firstUse(String id, Instant expiry) {
        return SqlDialect.insertUnlessPresent(jdbc, "INSERT INTO ws_nonce (nonce, expires_at) VALUES (?, ?)", id,
                UtcTime.column(expiry == null ? clock.instant().plus(DEFAULT_TTL) : expiry));
    }

    @Override
    public boolean contains(String id) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM ws_nonce WHERE nonce = ?", Integer.class, id);
        return n != null && n > 0;
    }

    /** Drops expired nonces (WSS4J refuses tokens older than their time-to-live anyway). */
    public int purgeExpired() {
        return jdbc.update("DELETE FROM ws_nonce WHERE expires_at < ?", UtcTime.column(clock.instant()));
    }

    @Override
    public void close() {
        // nothing held
    }
}
