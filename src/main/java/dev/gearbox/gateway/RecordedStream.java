package dev.gearbox.gateway;

import dev.gearbox.model.GatewayError;
import dev.gearbox.model.GatewayException;
import dev.gearbox.model.StreamEvent;
import dev.gearbox.model.Usage;
import dev.gearbox.model.UsageSource;
import dev.gearbox.provider.ModelSpec;
import dev.gearbox.provider.UpstreamStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Passes an upstream stream through to the client while noting what the ledger needs: the usage
 * reported at the end, and how the stream ended (completed, failed mid-answer, or abandoned by
 * the client). {@link #close()} records the call exactly once.
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
  private final Supplier<Usage> countedPrompt;

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
      Supplier<Usage> countedPrompt,
      Clock clock) {
    this.upstream = upstream;
    this.countedPrompt = countedPrompt;
    this.decision = decision;
    this.model = model;
    this.admission = admission;
    this.timeToOpen = timeToOpen;
    this.clock = clock;
    this.openedAt = clock.instant();
  }

  @Override
  public Decision decision() {
    return decision;
  }

  @Override
  public Optional<StreamEvent> next() {
    try {
      Optional<StreamEvent> event = upstream.next().map(this::withPromptUsage);
      event.ifPresent(this::note);
      return event;
    } catch (GatewayException e) {
      failure = Optional.of(e.error());
      throw e;
    }
  }

  /**
   * OpenAI-compatible upstreams report no usage until the end, but Anthropic clients read the
   * input token count from message_start: fill it with the gateway's own count.
   */
  private StreamEvent withPromptUsage(StreamEvent event) {
    if (event instanceof StreamEvent.Started started
        && started.promptUsage().source() == UsageSource.NONE) {
      return new StreamEvent.Started(
          started.id(), started.model(), started.createdEpochSeconds(), countedPrompt.get());
    }
    return event;
  }

  private void note(StreamEvent event) {
    switch (event) {
      case StreamEvent.UsageReported reported -> usage = reported.usage();
      case StreamEvent.Completed ignored -> completed = true;
      case StreamEvent.Started ignored -> {}
      case StreamEvent.TextDelta ignored -> {}
      case StreamEvent.ToolCallStarted ignored -> {}
      case StreamEvent.ToolCallArguments ignored -> {}
      case StreamEvent.Finished ignored -> {}
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
