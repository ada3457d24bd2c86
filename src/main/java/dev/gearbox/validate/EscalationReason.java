package dev.gearbox.validate;

/**
 * Why a small-tier answer was not good enough to hand to the client, so the cascade escalated
 * to the frontier. The {@link #label()} is what the ledger, the metrics and the
 * {@code x-gearbox-route} header show.
 */
public enum EscalationReason {
  /** No text and no tool call. */
  EMPTY("empty"),
  /** The model declined to answer, or a content filter cut the answer. */
  REFUSAL("refusal"),
  /** The answer stopped at the token limit ({@code length} / {@code max_tokens}). */
  TRUNCATED("length"),
  /** JSON mode was asked for and the answer does not parse as a JSON object. */
  INVALID_JSON("invalid_json"),
  /** The answer is JSON but does not match the requested JSON schema. */
  SCHEMA_MISMATCH("schema_mismatch"),
  /** A tool call names no declared tool, or its arguments do not parse or fit the schema. */
  INVALID_TOOL_ARGUMENTS("invalid_tool_args"),
  /** The learned answer scorer judged the answer unlikely to match the frontier's. */
  LOW_ANSWER_SCORE("low_answer_score");

  private final String label;

  EscalationReason(String label) {
    this.label = label;
  }

  /** The short lower-case name used in headers, metrics and the ledger. */
  public String label() {
    return label;
  }
}
