package dev.gearbox.model;

import java.util.Objects;

/** How the model may use tools. */
public sealed interface ToolChoice {
  record Auto() implements ToolChoice {}

  record None() implements ToolChoice {}

  /** The model must call some tool (OpenAI "required", Anthropic "any"). */
  record Required() implements ToolChoice {}

  record Named(String name) implements ToolChoice {
    public Named {
      Objects.requireNonNull(name, "name");
    }
  }
}
