package dev.gearbox.cost;

import dev.gearbox.model.Usage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** Builds a {@link LedgerEntry} step by step as a request passes the stages. */
public final class LedgerEntryBuilder {
  private final String requestId;
  private final Instant time;
  private final String requestedModel;
  private Optional<String> keyId = Optional.empty();
  private Optional<String> tenant = Optional.empty();
  private Optional<String> sessionId = Optional.empty();
  private Optional<String> parentCallId = Optional.empty();
  private Optional<String> servedModel = Optional.empty();
  private Optional<String> tier = Optional.empty();
  private Optional<String> routeReason = Optional.empty();
  private CacheStatus cacheStatus = CacheStatus.BYPASS;
  private Usage usage = Usage.NONE;
  private BigDecimal costUsd = BigDecimal.ZERO;
  private BigDecimal counterfactualUsd = BigDecimal.ZERO;
  private long latencyMs;
  private OptionalLong upstreamLatencyMs = OptionalLong.empty();
  private int httpStatus = 200;

  LedgerEntryBuilder(String requestId, Instant time, String requestedModel) {
    this.requestId = requestId;
    this.time = time;
    this.requestedModel = requestedModel;
  }

  public LedgerEntryBuilder key(String keyId, String tenant) {
    this.keyId = Optional.of(keyId);
    this.tenant = Optional.of(tenant);
    return this;
  }

  public LedgerEntryBuilder keyId(String keyId) {
    this.keyId = Optional.of(keyId);
    return this;
  }

  public LedgerEntryBuilder tenant(String tenant) {
    this.tenant = Optional.of(tenant);
    return this;
  }

  /** The agent session and parent call headers, each absent when the client sent none. */
  public LedgerEntryBuilder session(Optional<String> sessionId, Optional<String> parentCallId) {
    this.sessionId = sessionId;
    this.parentCallId = parentCallId;
    return this;
  }

  public LedgerEntryBuilder route(String servedModel, String tier, String routeReason) {
    this.servedModel = Optional.of(servedModel);
    this.tier = Optional.of(tier);
    this.routeReason = Optional.of(routeReason);
    return this;
  }

  public LedgerEntryBuilder servedModel(String servedModel) {
    this.servedModel = Optional.of(servedModel);
    return this;
  }

  public LedgerEntryBuilder cacheStatus(CacheStatus cacheStatus) {
    this.cacheStatus = cacheStatus;
    return this;
  }

  public LedgerEntryBuilder usage(Usage usage) {
    this.usage = usage;
    return this;
  }

  public LedgerEntryBuilder cost(BigDecimal costUsd, BigDecimal counterfactualUsd) {
    this.costUsd = costUsd;
    this.counterfactualUsd = counterfactualUsd;
    return this;
  }

  public LedgerEntryBuilder latency(long latencyMs, OptionalLong upstreamLatencyMs) {
    this.latencyMs = latencyMs;
    this.upstreamLatencyMs = upstreamLatencyMs;
    return this;
  }

  public LedgerEntryBuilder httpStatus(int httpStatus) {
    this.httpStatus = httpStatus;
    return this;
  }

  /**
   * @throws IllegalArgumentException when a value is out of range (see {@link LedgerEntry})
   */
  public LedgerEntry build() {
    return new LedgerEntry(
        requestId,
        time,
        keyId,
        tenant,
        sessionId,
        parentCallId,
        requestedModel,
        servedModel,
        tier,
        routeReason,
        cacheStatus,
        usage,
        costUsd,
        counterfactualUsd,
        latencyMs,
        upstreamLatencyMs,
        httpStatus);
  }
}
