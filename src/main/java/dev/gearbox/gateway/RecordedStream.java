package dev.gearbox.gateway;

import dev.gearbox.cost.TokenCounter;
import dev.gearbox.model.ChatResponse;
import dev.gearbox.model.Choice;
import dev.gearbox.model.GatewayError;
import dev.gearbox.model.GatewayException;
import dev.gearbox.model.StreamEvent;
import dev.gearbox.model.Usage;
import dev.gearbox.model.UsageSource;
import dev.gearbox.provider.GeneratedText;
import dev.gearbox.provider.ModelSpec;
import dev.gearbox.provider.UpstreamStream;
import dev.gearbox.wire.StreamAssembler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Passes an upstream stream through to the client while noting what the ledger and the audit log
 * need: the answer itself (reassembled, for its digest), the usage reported at the end, and how
 * the stream ended (completed, failed mid-answer, or abandoned by the client).
 *
 * <p>A completed stream is settled when its {@code Completed} event arrives and before that event
 * is handed on, so the audit record is durable before the client is told the answer is whole
 * (the final event, or {@code [DONE]}). {@link #close()} records every other ending, exactly once.
 *
 * <p>A stream that ends before the upstream's usage report (the client left, the upstream broke
 * off) was still billed by the upstream for the prompt and for what it generated until then, so
 * it is recorded with those: the prompt as the upstream reported it at the start (Anthropic's
 * message_start) or as counted, and the output counted from what was streamed.
 *
 * <p>Once settled, the whole answer is handed to {@code onComplete} (the cache). A stream that
 * failed, that the client abandoned, or that could not be reassembled is never handed over, so
 * no truncated answer is ever cached.
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
  private final StreamAssembler answer = new StreamAssembler();
  private final Consumer<ChatResponse> onComplete;

  private final GeneratedText generated = new GeneratedText();
  private Usage usage = Usage.NONE;
  private Usage promptUsage = Usage.NONE;
  private boolean answerIntact = true;
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
      Clock clock,
      Consumer<ChatResponse> onComplete) {
    this.upstream = upstream;
    this.countedPrompt = countedPrompt;
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
    Optional<StreamEvent> event;
    try {
      event = upstream.next().map(this::withPromptUsage);
    } catch (GatewayException e) {
      failure = Optional.of(e.error());
      throw e;
    }
    event.ifPresent(this::note);
    if (event.isPresent() && event.get() instanceof StreamEvent.Completed) {
      settleCompleted();
    }
    return event;
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
    if (event instanceof StreamEvent.UsageReported reported) {
      usage = reported.usage();
    }
    if (event instanceof StreamEvent.Started started) {
      promptUsage = started.promptUsage();
    }
    generated.observe(event);
    if (answerIntact) {
      try {
        answer.accept(event);
      } catch (IllegalStateException malformed) {
        answerIntact = false;
      }
    }
  }

  /** Audits the whole answer before Completed reaches the client; a failure withholds it. */
  private void settleCompleted() {
    try {
      admission.served(decision, model, usage, upstreamTime(), answerChoices());
    } catch (GatewayException e) {
      failure = Optional.of(e.error());
      throw e;
    }
    if (answerChoices().isPresent()) {
      onComplete.accept(answer.result().withModel(model.alias()));
    }
  }

  private Optional<List<Choice>> answerChoices() {
    if (!answerIntact || !answer.isCompleted()) {
      return Optional.empty();
    }
    try {
      return Optional.of(answer.result().choices());
    } catch (IllegalStateException noChoice) {
      return Optional.empty();
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
    try {
      if (!admission.settled()) {
        admission.failedMidStream(decision, model, usageSoFar(), upstreamTime(), endStatus());
      }
    } finally {
      admission.close();
    }
  }

  /**
   * The usage the upstream reported, or, when the stream ended before its report, the prompt's
   * usage with the output counted from what was generated.
   */
  private Usage usageSoFar() {
    if (usage.source() != UsageSource.NONE && usage.totalTokens() > 0) {
      return usage;
    }
    Usage prompt = promptUsage.source() != UsageSource.NONE && promptUsage.inputTokens() > 0
        ? promptUsage
        : countedPrompt.get();
    long output = TokenCounter.named(model.tokenizer()).count(generated.text());
    return new Usage(prompt.inputTokens(), Math.max(output, prompt.outputTokens()),
        prompt.cachedInputTokens(), prompt.cacheWriteTokens(), 0, UsageSource.COUNTED);
  }

  private Duration upstreamTime() {
    return timeToOpen.plus(Duration.between(openedAt, clock.instant()));
  }

  /** 499 (nginx's "client closed request") when the client left, else the upstream's error. */
  private int endStatus() {
    if (clientGone) {
      return CLIENT_CLOSED_REQUEST;
    }
    return failure.map(GatewayError::httpStatus).orElse(502);
  }
}
