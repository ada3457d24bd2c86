package dev.gearbox.compress;

import dev.gearbox.cost.TokenCounter;
import dev.gearbox.embed.Embedder;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.Message;
import dev.gearbox.model.Role;
import dev.gearbox.model.ToolCall;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The extractive method: the prompt is shrunk in three steps towards {@code targetRatio} of its
 * original tokens, each step taken only while the prompt is still over that target.
 *
 * <ol>
 *   <li>JSON tool results, all but the last message, are rewritten compactly ({@link
 *       JsonCompactor}); no value is lost, so this is always done.
 *   <li>The sentences of older user and assistant turns are ranked by cosine similarity to the
 *       current request (the last user message) with the embedding model, and the least
 *       relevant are left out until {@code sentenceKeepShare} of them remain; every message
 *       keeps at least its most relevant sentence.
 *   <li>Whole older rounds are left out, the least relevant first (a round's relevance is that
 *       of its most relevant sentence or tool call), until the target is met or none is left.
 * </ol>
 *
 * Facts in the removed text that nothing kept shows any more (ids, dates, amounts, names) are
 * carried verbatim in a note after the system prompt. The current round and the {@code
 * keepLastTurns} rounds before it are never shortened.
 */
final class ExtractiveCompressor {
  private final Embedder embedder;
  private final CompressionSettings settings;

  ExtractiveCompressor(Embedder embedder, CompressionSettings settings) {
    this.embedder = embedder;
    this.settings = settings;
  }

  /** A piece of an older message, scored against the current request. */
  private record Piece(int message, int ordinal, double score) {}

  Optional<Shrunk> shrink(ChatRequest request, TokenCounter tokens) {
    Draft draft = new Draft(request, tokens);
    List<Round> older = draft.conversation().older(settings.keepLastTurns());
    if (older.isEmpty()) {
      return Optional.empty();
    }
    long before = tokens.countPrompt(request);
    long budget = Math.round(before * settings.targetRatio());

    draft.compactToolResults();
    if (draft.tokens(note(draft)) > budget) {
      float[] query = embedder.embed(queryText(request));
      Map<Integer, Passage> passages = passages(draft, older);
      List<Piece> pieces = score(passages, query);
      dropSentences(draft, passages, pieces);
      dropRounds(draft, older, roundRelevance(draft, older, pieces, query), budget);
    }

    ChatRequest result = draft.assemble(note(draft));
    if (tokens.countPrompt(result) >= before) {
      return Optional.empty();
    }
    return Optional.of(new Shrunk(result, CompressionMethod.EXTRACTIVE, draft.dropped(),
        draft.shrunk(), BigDecimal.ZERO, false));
  }

  static String queryText(ChatRequest request) {
    return request.lastUserText()
        .orElseGet(() -> request.messages().getLast().text());
  }

  private static Map<Integer, Passage> passages(Draft draft, List<Round> older) {
    Map<Integer, Passage> passages = new HashMap<>();
    for (Round round : older) {
      for (int offset = 0; offset < round.size(); offset++) {
        Message m = round.messages().get(offset);
        boolean prose = m.role() == Role.USER || m.role() == Role.ASSISTANT;
        if (prose && Draft.textOnly(m) && !m.text().isBlank()) {
          passages.put(round.indexOf(offset), Passage.of(m.text()));
        }
      }
    }
    return passages;
  }

  private List<Piece> score(Map<Integer, Passage> passages, float[] query) {
    List<Piece> pieces = new ArrayList<>();
    passages.forEach((message, passage) -> {
      for (int i = 0; i < passage.size(); i++) {
        double score = Embedder.cosine(embedder.embed(passage.piece(i)), query);
        pieces.add(new Piece(message, i, score));
      }
    });
    return pieces;
  }

  private void dropSentences(Draft draft, Map<Integer, Passage> passages, List<Piece> pieces) {
    Map<Integer, TreeSet<Integer>> kept = new HashMap<>();
    pieces.forEach(p -> kept.computeIfAbsent(p.message(), m -> new TreeSet<>()).add(p.ordinal()));
    int toDrop = (int) Math.floor(pieces.size() * (1 - settings.sentenceKeepShare()));
    List<Piece> ascending = new ArrayList<>(pieces);
    ascending.sort(Comparator.comparingDouble(Piece::score));
    Map<Integer, StringBuilder> removed = new HashMap<>();
    for (Piece piece : ascending) {
      if (toDrop == 0) {
        break;
      }
      TreeSet<Integer> left = kept.get(piece.message());
      if (left.size() > 1) {
        left.remove(piece.ordinal());
        removed.computeIfAbsent(piece.message(), m -> new StringBuilder())
            .append(passages.get(piece.message()).piece(piece.ordinal())).append('\n');
        toDrop--;
      }
    }
    removed.forEach((message, text) -> draft.rewrite(message,
        passages.get(message).keeping(List.copyOf(kept.get(message))), text.toString()));
  }

  /** Each older round's relevance, by the index of its first message. */
  private Map<Integer, Double> roundRelevance(
      Draft draft, List<Round> older, List<Piece> pieces, float[] query) {
    Map<Integer, Double> best = new HashMap<>();
    pieces.forEach(p -> best.merge(p.message(), p.score(), Math::max));
    Map<Integer, Double> relevance = new HashMap<>();
    for (Round round : older) {
      double score = -1;
      for (int offset = 0; offset < round.size(); offset++) {
        int index = round.indexOf(offset);
        score = Math.max(score, best.getOrDefault(index, -1.0));
        for (ToolCall call : draft.message(index).toolCalls()) {
          String signature = call.name() + " " + call.argumentsJson();
          score = Math.max(score, Embedder.cosine(embedder.embed(signature), query));
        }
      }
      relevance.put(round.first(), score);
    }
    return relevance;
  }

  private void dropRounds(
      Draft draft, List<Round> older, Map<Integer, Double> relevance, long budget) {
    List<Round> ascending = new ArrayList<>(older);
    ascending.sort(Comparator.comparingDouble(round -> relevance.get(round.first())));
    for (Round round : ascending) {
      if (draft.tokens(note(draft)) <= budget) {
        return;
      }
      draft.drop(round);
    }
  }

  private Optional<String> note(Draft draft) {
    int older = draft.olderMessageCount(settings.keepLastTurns());
    int left = draft.dropped().size();
    if (left == 0 && draft.shrunk().isEmpty()) {
      return Optional.empty();
    }
    String header = ("The earlier part of this conversation was compressed by the gateway: %d of"
        + " the %d earlier messages are left out, others shortened (… marks left-out"
        + " sentences); JSON tool results are written compactly, every value kept.")
        .formatted(left, older);
    return Optional.of(draft.orphanFacts()
        .map(facts -> header + "\nFacts from the left-out text, verbatim, by message:\n" + facts)
        .orElse(header));
  }
}
