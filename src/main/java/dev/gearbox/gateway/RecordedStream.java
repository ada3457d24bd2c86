package dev.gearbox.gateway;

import dev.gearbox.model.ChatResponse;
import dev.gearbox.model.GatewayError;
import dev.gearbox.model.GatewayException;
import dev.gearbox.model.StreamEvent;
import dev.gearbox.model.Usage;
import dev.gearbox.provider.ModelSpec;
import dev.gearbox.provider.UpstreamStream;
import dev.gearbox.wire.StreamAssembler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Passes an upstream stream through to the client while noting what the ledger needs: the usage
 * reported at the end, and how the stream ended (completed, failed mid-answer, or abandoned by
 * the client). {@link #close()} records the call exactly once.
 *
 * <p>It also reassembles the answer as it passes, and hands the whole answer to {@code
 * onComplete} (the cache) only when the stream reached its Completed event: a stream that failed
 * or that the client abandoned is never handed over, so no truncated answer is ever cached.
 */
final class RecordedStream implements StreamingCall {
  static final int CLIENT_CLOSED_REQUEST = 499;

  private final UpstreamStream upstream;
  private final Decision decision;
  private final ModelSpec model;
  private final Accounting.Admission admission;
  private final Duration timeToOpen;
  private final Clock clock;
  private final Instant openedAt;
  private final Consumer<ChatResponse> onComplete;
  private final StreamAssembler assembler = new StreamAssembler();
  private boolean malformed;

  private Usage usage = Usage.NONE;
  private boolean completed;
  private boolean clientGone;
  private Optional<GatewayError> failure = Optional.empty();
  private boolean closed;

  RecordedStream(
      UpstreamStream upstream,
      Decision decision,
      ModelSpec model,
      Accounting.Admission admission,
      Duration timeToOpen,
      Clock clock,
      Consumer<ChatResponse> onComplete) {
    this.upstream = upstream;
    this.decision = decision;
    this.model = model;
    this.admission = admission;
    this.timeToOpen = timeToOpen;
    this.clock = clock;
    this.openedAt = clock.instant();
    this.onComplete = onComplete;
  }

  @Override
  public Decision decision() {
    return decision;
  }

  @Override
  public Optional<StreamEvent> next() {
    try {
      Optional<StreamEvent> event = upstream.next();
      event.ifPresent(this::note);
      return event;
    } catch (GatewayException e) {
      failure = Optional.of(e.error());
      throw e;
    }
  }

  private void note(StreamEvent event) {
    assemble(event);
    switch (event) {
      case StreamEvent.UsageReported reported -> usage = reported.usage();
      case StreamEvent.Completed ignored -> {
        completed = true;
        handOver();
      }
      case StreamEvent.Started ignored -> {}
      case StreamEvent.TextDelta ignored -> {}
      case StreamEvent.ToolCallStarted ignored -> {}
      case StreamEvent.ToolCallArguments ignored -> {}
      case StreamEvent.Finished ignored -> {}
    }
  }

  private void handOver() {
    if (malformed) {
      return;
    }
    try {
      onComplete.accept(assembler.result().withModel(model.alias()));
    } catch (IllegalStateException e) {
      malformed = true;
    }
  }

  /** A stream the assembler cannot follow is passed on as it is, but not handed over. */
  private void assemble(StreamEvent event) {
    if (malformed) {
      return;
    }
    try {
      assembler.accept(event);
    } catch (IllegalStateException e) {
      malformed = true;
    }
  }

  @Override
  public void clientGone() {
    clientGone = true;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    upstream.close();
    Duration upstreamTime = timeToOpen.plus(Duration.between(openedAt, clock.instant()));
    try {
      if (completed && failure.isEmpty()) {
        admission.served(decision, model, usage, upstreamTime);
      } else {
        admission.failedMidStream(decision, model, usage, upstreamTime, endStatus());
      }
    } finally {
      admission.close();
    }
  }

  /** 499 (nginx's "client closed request") when the client left, else the upstream's error. */
  private int endStatus() {
    if (clientGone) {
      return CLIENT_CLOSED_REQUEST;
    }
    return failure.map(GatewayError::httpStatus).orElse(502);
  }
}
