package dev.gearbox.sim;

/**
 * The indexes built over the recorded sets: the prompt index and the answer generator. Building
 * them reads every set (about a second), so the bundled ones are built once per process and
 * shared by every simulator started in it; they are immutable.
 */
record ReplayData(PromptIndex index, AnswerGenerator generator) {

  private static final class Bundled {
    static final ReplayData INSTANCE = of(RecordedSets.bundled());
  }

  static ReplayData bundled() {
    return Bundled.INSTANCE;
  }

  static ReplayData of(RecordedSets sets) {
    return new ReplayData(PromptIndex.of(sets), AnswerGenerator.of(sets));
  }
}
