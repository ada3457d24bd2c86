package dev.gearbox.cost;

import dev.gearbox.model.Usage;
import dev.gearbox.model.UsageSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalLong;

/** Maps ledger entries to rows of the {@code ledger} table and back. */
final class LedgerRows {
  static final String INSERT =
      """
      INSERT INTO ledger (request_id, at_epoch_ms, day, key_id, tenant, session_id,
        parent_call_id, requested_model, served_model, tier, route_reason, cache_status,
        input_tokens, output_tokens, cached_input_tokens, cache_write_tokens, reasoning_tokens,
        usage_source, cost_picousd, counterfactual_picousd, latency_ms, upstream_latency_ms,
        http_status)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """;

  static final String COLUMNS =
      """
      request_id, at_epoch_ms, key_id, tenant, session_id, parent_call_id, requested_model,
      served_model, tier, route_reason, cache_status, input_tokens, output_tokens,
      cached_input_tokens, cache_write_tokens, reasoning_tokens, usage_source, cost_picousd,
      counterfactual_picousd, latency_ms, upstream_latency_ms, http_status
      """;

  private LedgerRows() {}

  /** The UTC day of an instant, as the {@code day} column holds it ({@code 2026-12-03}). */
  static String day(Instant time) {
    return LocalDate.ofInstant(time, ZoneOffset.UTC).toString();
  }

  static void bind(PreparedStatement insert, LedgerEntry e) throws SQLException {
    int i = 1;
    insert.setString(i++, e.requestId());
    insert.setLong(i++, e.time().toEpochMilli());
    insert.setString(i++, day(e.time()));
    i = bindOptional(insert, i, e.keyId(), e.tenant(), e.sessionId(), e.parentCallId());
    insert.setString(i++, e.requestedModel());
    i = bindOptional(insert, i, e.servedModel(), e.tier(), e.routeReason());
    insert.setString(i++, e.cacheStatus().name());
    Usage usage = e.usage();
    insert.setLong(i++, usage.inputTokens());
    insert.setLong(i++, usage.outputTokens());
    insert.setLong(i++, usage.cachedInputTokens());
    insert.setLong(i++, usage.cacheWriteTokens());
    insert.setLong(i++, usage.reasoningTokens());
    insert.setString(i++, usage.source().name());
    insert.setLong(i++, Money.toPicoUsd(e.costUsd()));
    insert.setLong(i++, Money.toPicoUsd(e.counterfactualUsd()));
    insert.setLong(i++, e.latencyMs());
    if (e.upstreamLatencyMs().isPresent()) {
      insert.setLong(i++, e.upstreamLatencyMs().getAsLong());
    } else {
      insert.setNull(i++, Types.BIGINT);
    }
    insert.setInt(i, e.httpStatus());
  }

  @SafeVarargs
  private static int bindOptional(PreparedStatement insert, int from, Optional<String>... values)
      throws SQLException {
    int i = from;
    for (Optional<String> value : values) {
      insert.setString(i++, value.orElse(null));
    }
    return i;
  }

  static LedgerEntry read(ResultSet row) throws SQLException {
    Usage usage =
        new Usage(
            row.getLong("input_tokens"),
            row.getLong("output_tokens"),
            row.getLong("cached_input_tokens"),
            row.getLong("cache_write_tokens"),
            row.getLong("reasoning_tokens"),
            UsageSource.valueOf(row.getString("usage_source")));
    long upstream = row.getLong("upstream_latency_ms");
    OptionalLong upstreamLatency = row.wasNull() ? OptionalLong.empty() : OptionalLong.of(upstream);
    return new LedgerEntry(
        row.getString("request_id"),
        Instant.ofEpochMilli(row.getLong("at_epoch_ms")),
        text(row, "key_id"),
        text(row, "tenant"),
        text(row, "session_id"),
        text(row, "parent_call_id"),
        row.getString("requested_model"),
        text(row, "served_model"),
        text(row, "tier"),
        text(row, "route_reason"),
        CacheStatus.valueOf(row.getString("cache_status")),
        usage,
        Money.fromPicoUsd(row.getLong("cost_picousd")),
        Money.fromPicoUsd(row.getLong("counterfactual_picousd")),
        row.getLong("latency_ms"),
        upstreamLatency,
        row.getInt("http_status"));
  }

  private static Optional<String> text(ResultSet row, String column) throws SQLException {
    return Optional.ofNullable(row.getString(column));
  }
}
