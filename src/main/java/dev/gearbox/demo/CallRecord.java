package dev.gearbox.demo;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * One demo request as its client saw it: what it asked, and what the gateway's answer said
 * about itself in its {@code x-gearbox-*} headers.
 *
 * @param requestId the gateway's id of the request (its ledger row), when it sent one
 * @param asked the recorded question and turn, for requests whose answers can be scored
 * @param answerText the answer's text, kept for requests that asked a recorded question
 * @param httpStatus the answer's status; 0 when no answer came (connection failed)
 * @param servedModel the model alias that answered ({@code x-gearbox-model})
 * @param cache the cache verdict ({@code x-gearbox-cache})
 * @param compression what the gateway's compression stage did to the prompt, if anything
 * @param sessionId the agent session the request belonged to, if any
 * @param startedMs when it was sent, in milliseconds since the run started
 * @param latencyMs how long the client waited for the whole answer
 */
record CallRecord(
    Optional<String> requestId,
    TrafficKind kind,
    Optional<ItemTurn> asked,
    Optional<String> answerText,
    int httpStatus,
    Optional<String> servedModel,
    Optional<String> tier,
    Optional<String> cache,
    Optional<BigDecimal> costUsd,
    Optional<BigDecimal> savedUsd,
    Optional<Compression> compression,
    Optional<String> sessionId,
    long startedMs,
    long latencyMs) {

  CallRecord {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(asked, "asked");
    Objects.requireNonNull(answerText, "answerText");
    Objects.requireNonNull(servedModel, "servedModel");
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(cache, "cache");
    Objects.requireNonNull(costUsd, "costUsd");
    Objects.requireNonNull(savedUsd, "savedUsd");
    Objects.requireNonNull(compression, "compression");
    Objects.requireNonNull(sessionId, "sessionId");
  }

  boolean answered() {
    return httpStatus == 200;
  }
}
