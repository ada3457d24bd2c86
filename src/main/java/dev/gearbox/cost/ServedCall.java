package dev.gearbox.cost;

import dev.gearbox.model.Usage;
import java.util.Objects;
import java.util.Optional;

/**
 * What actually served a request, as the counterfactual needs it: the model, the name of its
 * tokenizer's encoding (as {@link TokenCounter#named} takes it; for a model that is not an
 * OpenAI one, any name other than the baseline's), its usage, and the answer's text when the
 * gateway has it (to re-count output tokens on the baseline's tokenizer).
 */
public record ServedCall(String model, String encoding, Usage usage, Optional<String> outputText) {
  public ServedCall {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(encoding, "encoding");
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(outputText, "outputText");
  }
}
