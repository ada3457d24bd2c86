package dev.gearbox.provider;

/**
 * What a model can honour. {@code multipleChoices} says whether the upstream returns several
 * choices for {@code n > 1} in one call; when it cannot, non-streamed requests are fanned out.
 */
public record Capabilities(
    boolean tools, boolean vision, boolean jsonSchema, boolean multipleChoices) {

  /** Everything a current frontier chat model offers. */
  public static final Capabilities ALL = new Capabilities(true, true, true, true);

  /** Plain text chat only. */
  public static final Capabilities TEXT_ONLY = new Capabilities(false, false, false, false);
}
