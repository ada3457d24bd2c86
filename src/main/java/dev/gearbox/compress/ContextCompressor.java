package dev.gearbox.compress;

import dev.gearbox.cost.TokenCounter;
import dev.gearbox.embed.Embedder;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.GatewayException;
import dev.gearbox.provider.ModelSpec;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compression stage: after routing, before the upstream call, a long prompt bound for an
 * expensive model is shrunk by the configured method ({@link ExtractiveCompressor}, {@link
 * SummaryCompressor}).
 *
 * <p>What is kept: the system messages, the tools and the sampling parameters as sent; the
 * current round (the last user message and every tool call and result after it) and the
 * {@code keepLastTurns} rounds before it whole: the same messages, with only JSON tool results
 * other than the very last message written compactly, every value kept ({@link
 * JsonCompactor}). Older turns are shortened or left out only as whole rounds, so each tool call
 * keeps its result and turns follow each other as in the original; facts of removed text that
 * nothing kept shows are carried verbatim in a note placed right after the system prompt.
 */
public final class ContextCompressor {
  private static final Logger LOG = LoggerFactory.getLogger(ContextCompressor.class);
  private static final int CACHED_VECTORS = 20_000;

  private final CompressionSettings settings;
  private final ExtractiveCompressor extractive;
  private final SummaryCompressor summary;
  private final TokenPricer pricer;

  /**
   * @param embedder loads the embedding model; called at most once, on the first compression
   *     that ranks sentences
   */
  public ContextCompressor(
      CompressionSettings settings, Supplier<Embedder> embedder, TokenPricer pricer) {
    this.settings = settings;
    Embedder vectors = new CachedEmbedder(new LazyEmbedder(embedder), CACHED_VECTORS);
    this.extractive = new ExtractiveCompressor(vectors, settings);
    this.summary = new SummaryCompressor(settings, new SummaryCache(settings.cachedSummaries()));
    this.pricer = pricer;
  }

  /** A stage that passes every request untouched. */
  public static ContextCompressor disabled() {
    return new ContextCompressor(CompressionSettings.disabled(), Embedder::miniLm,
        (model, tokens) -> BigDecimal.ZERO);
  }

  public CompressionSettings settings() {
    return settings;
  }

  /**
   * The request shrunk for {@code target}, or empty when the stage does not apply (switched
   * off, a tier it leaves alone, a prompt at or under the threshold) or found nothing older
   * than the turns it keeps.
   *
   * @param session the scope summaries are cached in: the agent session, else the caller
   * @param summariser sends the summary request of the summary method to the small tier; when
   *     it fails, the request is compressed extractively instead
   */
  public Optional<Compression> compress(
      ChatRequest request, ModelSpec target, String session, Summariser summariser) {
    TokenCounter tokens = TokenCounter.named(target.tokenizer());
    long before = tokens.countPrompt(request);
    if (!settings.applies(target.tier(), before)) {
      return Optional.empty();
    }
    Optional<Shrunk> shrunk = switch (settings.method()) {
      case EXTRACTIVE -> extractive.shrink(request, tokens);
      case SUMMARY -> summarised(request, tokens, session, summariser);
    };
    return shrunk.map(s -> priced(s, before, tokens, target));
  }

  private Optional<Shrunk> summarised(
      ChatRequest request, TokenCounter tokens, String session, Summariser summariser) {
    try {
      return summary.shrink(request, tokens, session, summariser);
    } catch (GatewayException e) {
      LOG.warn("the summary call to '{}' failed ({}); compressing extractively instead",
          settings.summaryModel().orElse("?"), e.error().message());
      return extractive.shrink(request, tokens);
    }
  }

  private Compression priced(Shrunk shrunk, long before, TokenCounter tokens, ModelSpec target) {
    long after = tokens.countPrompt(shrunk.request());
    BigDecimal removed = pricer.inputUsd(target, before - after);
    CompressionNote note = new CompressionNote(shrunk.method(), before, after, shrunk.dropped(),
        shrunk.shrunk(), removed, shrunk.summaryCostUsd(), shrunk.summaryCached());
    LOG.debug("prompt for '{}' compressed ({}): {} -> {} tokens, {} messages left out",
        target.alias(), note.method().configName(), before, after, note.droppedMessages().size());
    return new Compression(shrunk.request(), note);
  }
}
