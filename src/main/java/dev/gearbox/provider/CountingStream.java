package dev.gearbox.provider;

import dev.gearbox.cost.TokenCounter;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.StreamEvent;
import dev.gearbox.model.Usage;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Passes a stream through and, when it completes without a usage report (or with an empty
 * one), inserts a counted {@code UsageReported} just before {@code Completed}. What the model
 * generated is kept as it passes ({@link GeneratedText}) and tokenized only when the count is
 * needed, so streams whose upstream reports usage never pay for the tokenizer.
 */
final class CountingStream implements UpstreamStream {
  private final UpstreamStream upstream;
  private final ChatRequest request;
  private final ModelSpec model;
  private final Deque<StreamEvent> held = new ArrayDeque<>();
  private final GeneratedText generated = new GeneratedText();
  private boolean usageReported;

  CountingStream(UpstreamStream upstream, ChatRequest request, ModelSpec model) {
    this.upstream = upstream;
    this.request = request;
    this.model = model;
  }

  @Override
  public Optional<StreamEvent> next() {
    if (!held.isEmpty()) {
      return Optional.of(held.poll());
    }
    Optional<StreamEvent> next = upstream.next();
    while (next.isPresent() && swallowed(next.get())) {
      next = upstream.next();
    }
    return next.map(this::observe);
  }

  @Override
  public void close() {
    upstream.close();
  }

  /** An empty usage report is dropped here and replaced by a count at the end. */
  private boolean swallowed(StreamEvent event) {
    return event instanceof StreamEvent.UsageReported(Usage usage) && UsageCount.missing(usage);
  }

  private StreamEvent observe(StreamEvent event) {
    generated.observe(event);
    if (event instanceof StreamEvent.UsageReported) {
      usageReported = true;
    }
    if (event instanceof StreamEvent.Completed completed && !usageReported) {
      usageReported = true;
      held.add(completed);
      return new StreamEvent.UsageReported(counted());
    }
    return event;
  }

  private Usage counted() {
    TokenCounter counter = TokenCounter.named(model.tokenizer());
    return Usage.counted(counter.countPrompt(request), counter.count(generated.text()));
  }
}
