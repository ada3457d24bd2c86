package dev.gearbox.demo;

/** The kinds of demo traffic, as the summary and the report name them. */
enum TrafficKind {
  GSM8K("GSM8K maths"),
  MT_BENCH("MT-Bench chat"),
  ARENA("Arena prompts"),
  AGENT("agent calls"),
  REPEAT("repeated questions"),
  PARAPHRASE("paraphrased questions");

  private final String label;

  TrafficKind(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }
}
