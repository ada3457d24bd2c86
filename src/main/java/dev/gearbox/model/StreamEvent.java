package dev.gearbox.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One step of a streamed answer in canonical form. A well-formed stream is: Started, then any
 * number of ThinkingDelta / ThinkingSignature / RedactedThinking / TextDelta / ToolCallStarted /
 * ToolCallArguments, then Finished per choice, then at most one UsageReported, then Completed. Both
 * wire formats are produced from and parsed into this sequence.
 */
public sealed interface StreamEvent {

  /**
   * The stream has begun. {@code promptUsage} holds the input token count when it is known this
   * early (Anthropic's message_start, or the gateway's own count), else {@link Usage#NONE}.
   */
  record Started(String id, String model, long createdEpochSeconds, Usage promptUsage)
      implements StreamEvent {
    public Started {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(promptUsage, "promptUsage");
    }
  }

  record TextDelta(int choiceIndex, String text) implements StreamEvent {
    public TextDelta {
      Objects.requireNonNull(text, "text");
    }
  }

  /** A fragment of the model's reasoning; fragments concatenate until a ThinkingSignature. */
  record ThinkingDelta(int choiceIndex, String text) implements StreamEvent {
    public ThinkingDelta {
      Objects.requireNonNull(text, "text");
    }
  }

  /** The signature that ends the reasoning sent so far as one thinking block. */
  record ThinkingSignature(int choiceIndex, String signature) implements StreamEvent {
    public ThinkingSignature {
      Objects.requireNonNull(signature, "signature");
    }
  }

  /** Reasoning the upstream sent encrypted, whole. */
  record RedactedThinking(int choiceIndex, String data) implements StreamEvent {
    public RedactedThinking {
      Objects.requireNonNull(data, "data");
    }
  }

  /** The first fragment of a tool call: its position among the choice's calls, id and name. */
  record ToolCallStarted(int choiceIndex, int toolIndex, String id, String name)
      implements StreamEvent {
    public ToolCallStarted {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name");
    }
  }

  /** A fragment of a tool call's JSON arguments; fragments concatenate to the exact text. */
  record ToolCallArguments(int choiceIndex, int toolIndex, String fragment) implements StreamEvent {
    public ToolCallArguments {
      Objects.requireNonNull(fragment, "fragment");
    }
  }

  /** A choice has ended; {@code stopSequence} as in {@link Choice#stopSequence()}. */
  record Finished(int choiceIndex, FinishReason reason, Optional<String> stopSequence)
      implements StreamEvent {
    public Finished {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(stopSequence, "stopSequence");
    }

    public Finished(int choiceIndex, FinishReason reason) {
      this(choiceIndex, reason, Optional.empty());
    }
  }

  record UsageReported(Usage usage) implements StreamEvent {
    public UsageReported {
      Objects.requireNonNull(usage, "usage");
    }
  }

  record Completed() implements StreamEvent {}
}
