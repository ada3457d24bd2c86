package dev.gearbox.cost;

import dev.gearbox.model.GatewayError;
import dev.gearbox.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A key's per-minute buckets in the database ({@code rate_bucket}, migration V6), shared by every
 * gateway process that uses it. An admission locks the key's rows, refills and checks them as
 * {@link TokenBucket} does, and writes them back, in one transaction; so replicas together admit
 * no more than the limits. A bucket starts full the first time any process uses it.
 */
final class SqlRateBuckets implements RateBuckets {
  private static final Logger LOG = LoggerFactory.getLogger(SqlRateBuckets.class);
  private static final String REQUESTS = "requests";
  private static final String TOKENS = "tokens";

  private final Database database;
  private final String keyId;
  private final OptionalLong requestsPerMinute;
  private final OptionalLong tokensPerMinute;

  SqlRateBuckets(Database database, String keyId, RateLimit limit) {
    this.database = database;
    this.keyId = keyId;
    this.requestsPerMinute = limit.requestsPerMinute();
    this.tokensPerMinute = limit.tokensPerMinute();
  }

  @Override
  public Optional<Shortfall> take(long estimatedTokens, long nowMs) {
    if (requestsPerMinute.isEmpty() && tokensPerMinute.isEmpty()) {
      return Optional.empty();
    }
    try {
      return WriteTransaction.run(database, c -> {
        Map<String, TokenBucket> stored = locked(c, nowMs);
        Optional<TokenBucket> requests = Optional.ofNullable(stored.get(REQUESTS));
        Optional<TokenBucket> tokens = Optional.ofNullable(stored.get(TOKENS));
        Optional<Shortfall> shortfall =
            RateBuckets.takeFrom(requests, tokens, estimatedTokens, nowMs);
        if (shortfall.isEmpty()) {
          store(c, stored);
        }
        return shortfall;
      });
    } catch (SQLException e) {
      LOG.error("rate limits: cannot check key '{}' in the database; the request is refused",
          keyId, e);
      throw new GatewayError.Internal("rate limits cannot be checked: the database did not"
          + " answer").toException();
    }
  }

  @Override
  public void adjustTokens(long refund, long nowMs) {
    if (tokensPerMinute.isEmpty()) {
      return;
    }
    try {
      WriteTransaction.run(database, c -> {
        Map<String, TokenBucket> stored = locked(c, nowMs);
        stored.get(TOKENS).adjust(refund, nowMs);
        store(c, Map.of(TOKENS, stored.get(TOKENS)));
        return null;
      });
    } catch (SQLException e) {
      LOG.error("rate limits: the token count of key '{}' could not be corrected by {}",
          keyId, refund, e);
    }
  }

  @Override
  public boolean countsTokens() {
    return tokensPerMinute.isPresent();
  }

  /** The key's buckets with their rows locked, created full when missing. */
  private Map<String, TokenBucket> locked(Connection c, long nowMs) throws SQLException {
    Map<String, TokenBucket> stored = select(c);
    if (stored.size() < limits().size()) {
      create(c, nowMs);
      stored = select(c);
    }
    return stored;
  }

  private Map<String, Long> limits() {
    Map<String, Long> limits = new HashMap<>();
    requestsPerMinute.ifPresent(perMinute -> limits.put(REQUESTS, perMinute));
    tokensPerMinute.ifPresent(perMinute -> limits.put(TOKENS, perMinute));
    return limits;
  }

  private Map<String, TokenBucket> select(Connection c) throws SQLException {
    String sql = "SELECT kind, level_scaled, refilled_at_ms FROM rate_bucket WHERE key_id = ?"
        + " ORDER BY kind" + WriteTransaction.forUpdate(database);
    Map<String, Long> limits = limits();
    Map<String, TokenBucket> buckets = new HashMap<>();
    try (PreparedStatement select = c.prepareStatement(sql)) {
      select.setString(1, keyId);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          Long perMinute = limits.get(rows.getString(1));
          if (perMinute != null) {
            buckets.put(rows.getString(1),
                new TokenBucket(perMinute, rows.getLong(2), rows.getLong(3)));
          }
        }
      }
    }
    return buckets;
  }

  private void create(Connection c, long nowMs) throws SQLException {
    String sql = "INSERT INTO rate_bucket (key_id, kind, level_scaled, refilled_at_ms)"
        + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING";
    try (PreparedStatement insert = c.prepareStatement(sql)) {
      for (Map.Entry<String, Long> limit : limits().entrySet()) {
        insert.setString(1, keyId);
        insert.setString(2, limit.getKey());
        insert.setLong(3, new TokenBucket(limit.getValue(), nowMs).levelScaled());
        insert.setLong(4, nowMs);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private void store(Connection c, Map<String, TokenBucket> buckets) throws SQLException {
    String sql = "UPDATE rate_bucket SET level_scaled = ?, refilled_at_ms = ?"
        + " WHERE key_id = ? AND kind = ?";
    try (PreparedStatement update = c.prepareStatement(sql)) {
      for (Map.Entry<String, TokenBucket> bucket : buckets.entrySet()) {
        update.setLong(1, bucket.getValue().levelScaled());
        update.setLong(2, bucket.getValue().lastRefillMs());
        update.setString(3, keyId);
        update.setString(4, bucket.getKey());
        update.addBatch();
      }
      update.executeBatch();
    }
  }
}
