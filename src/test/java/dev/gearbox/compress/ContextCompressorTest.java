package dev.gearbox.compress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.cost.TokenCounter;
import dev.gearbox.model.ChatRequest;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When the stage applies, and what its note says. */
class ContextCompressorTest {
  private static final Summariser NO_SUMMARIES = request -> {
    throw new AssertionError("the extractive method asks no model");
  };

  /** The last call of run 7: 6,000 prompt tokens, many older rounds. */
  private static final ChatRequest LONG =
      AgentTraces.bundled().trajectories().get(7).calls().getLast();

  private static long tokens(ChatRequest request) {
    return TokenCounter.cl100k().countPrompt(request);
  }

  private static Optional<Compression> compress(ContextCompressor stage, ChatRequest request) {
    return stage.compress(request, Fixtures.FRONTIER, "s", NO_SUMMARIES);
  }

  @Test
  void disabledStage_passesEveryRequest() {
    assertThat(ContextCompressor.disabled().compress(LONG, Fixtures.FRONTIER, "s", NO_SUMMARIES))
        .isEmpty();
  }

  @Test
  void promptAtTheThreshold_passes_oneTokenOver_isCompressed() {
    int size = (int) tokens(LONG);

    assertThat(compress(Fixtures.stage(CompressionMethod.EXTRACTIVE, size), LONG)).isEmpty();
    assertThat(compress(Fixtures.stage(CompressionMethod.EXTRACTIVE, size - 1), LONG))
        .isPresent();
  }

  @Test
  void smallTierTarget_isLeftAlone() {
    assertThat(Fixtures.stage(CompressionMethod.EXTRACTIVE, 0)
        .compress(LONG, Fixtures.SMALL, "s", NO_SUMMARIES)).isEmpty();
  }

  @Test
  void firstCallOfARun_hasNothingOldEnoughToShrink() {
    ChatRequest first = AgentTraces.bundled().trajectories().get(7).calls().getFirst();

    assertThat(compress(Fixtures.stage(CompressionMethod.EXTRACTIVE, 0), first)).isEmpty();
  }

  @Test
  void note_countsTokensNamesLeftOutMessagesAndPricesTheRemovedTokens() {
    Compression result = compress(Fixtures.stage(CompressionMethod.EXTRACTIVE, 2000), LONG)
        .orElseThrow();
    CompressionNote note = result.note();

    assertThat(note.method()).isEqualTo(CompressionMethod.EXTRACTIVE);
    assertThat(note.tokensBefore()).isEqualTo(tokens(LONG));
    assertThat(note.tokensAfter()).isEqualTo(tokens(result.request()));
    assertThat(note.reduction()).isGreaterThan(1.5);
    assertThat(note.droppedMessages()).isNotEmpty()
        .allMatch(i -> i > 0 && i < LONG.messages().size() - 1);
    assertThat(result.request().messages()).hasSize(
        LONG.messages().size() - note.droppedMessages().size() + 1);
    BigDecimal removed = BigDecimal.TEN.multiply(
        BigDecimal.valueOf(note.tokensBefore() - note.tokensAfter())).movePointLeft(6);
    assertThat(note.removedTokensUsd()).isEqualByComparingTo(removed);
    assertThat(note.savedUsd()).isEqualByComparingTo(removed);
    assertThat(note.header()).isEqualTo("method=extractive; tokens=%d->%d"
        .formatted(note.tokensBefore(), note.tokensAfter()));
  }

  @Test
  void note_isASystemMessageRightAfterTheSystemPrompt() {
    Compression result = compress(Fixtures.stage(CompressionMethod.EXTRACTIVE, 2000), LONG)
        .orElseThrow();

    assertThat(result.request().messages().get(1).role())
        .isEqualTo(dev.gearbox.model.Role.SYSTEM);
    assertThat(result.request().messages().get(1).text())
        .startsWith("The earlier part of this conversation was compressed by the gateway")
        .contains("Facts from the left-out text, verbatim, by message:\n[");
  }
}
