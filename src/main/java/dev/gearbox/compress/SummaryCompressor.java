package dev.gearbox.compress;

import dev.gearbox.cost.TokenCounter;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.Message;
import dev.gearbox.model.Role;
import dev.gearbox.model.Sampling;
import dev.gearbox.model.ToolCall;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The summary method: every round before the recent ones is replaced by a summary the small
 * tier writes, plus a ledger of the facts of those rounds that the kept turns do not show.
 *
 * <p>Why a ledger beside the summary: a summary is free text from a cheaper model, and the
 * facts an agent acts on later (a payment id, a price, a date) are exactly what such summaries
 * paraphrase or drop. The ledger carries them verbatim whatever the summary says, so the
 * method's fidelity does not rest on the small model.
 *
 * <p>Summaries are cached per session by the hash of the rounds they cover ({@link
 * SummaryCache}); a longer prefix is summarised incrementally from the longest cached one.
 */
final class SummaryCompressor {
  static final String INSTRUCTIONS = "You keep the memory of a customer-service agent. Summarise"
      + " the conversation below for the agent in at most 150 words: what the customer wants,"
      + " what was checked or done, and what is still open. Keep every id, amount, date and"
      + " name exactly as written.";

  private final CompressionSettings settings;
  private final SummaryCache cache;

  SummaryCompressor(CompressionSettings settings, SummaryCache cache) {
    this.settings = settings;
    this.cache = cache;
  }

  /**
   * The request with its older rounds replaced, or empty when there are none or when even a
   * summary of the longest length asked for would not make the prompt shorter (then no summary
   * is paid for).
   *
   * @throws dev.gearbox.model.GatewayException when the summary call failed
   */
  Optional<Shrunk> shrink(
      ChatRequest request, TokenCounter tokens, String session, Summariser summariser) {
    Draft draft = new Draft(request, tokens);
    List<Round> older = draft.conversation().older(settings.keepLastTurns());
    if (older.isEmpty() || settings.summaryModel().isEmpty()) {
      return Optional.empty();
    }
    draft.compactToolResults();
    older.forEach(draft::drop);
    long before = tokens.countPrompt(request);
    if (draft.tokens(Optional.of(note(draft, older, ""))) + settings.summaryMaxTokens()
        >= before) {
      return Optional.empty();
    }
    List<String> hashes = prefixHashes(older);
    Optional<String> cached = cache.find(session, hashes.getLast());
    BigDecimal cost = BigDecimal.ZERO;
    String summary;
    if (cached.isPresent()) {
      summary = cached.get();
    } else {
      SummaryAnswer answer = summariser.summarise(summaryRequest(session, older, hashes));
      summary = answer.text().strip();
      cost = answer.costUsd();
      cache.put(session, hashes.getLast(), summary);
    }
    ChatRequest result = draft.assemble(Optional.of(note(draft, older, summary)));
    if (tokens.countPrompt(result) >= before) {
      return Optional.empty();
    }
    return Optional.of(new Shrunk(result, CompressionMethod.SUMMARY, draft.dropped(),
        List.of(), cost, cached.isPresent()));
  }

  /** Asks for the summary of the older rounds, continuing the longest cached prefix. */
  private ChatRequest summaryRequest(String session, List<Round> older, List<String> hashes) {
    int from = 0;
    Optional<String> earlier = Optional.empty();
    for (int j = older.size() - 1; j >= 1 && earlier.isEmpty(); j--) {
      earlier = cache.find(session, hashes.get(j - 1));
      from = earlier.isPresent() ? j : 0;
    }
    StringBuilder prompt = new StringBuilder();
    earlier.ifPresent(s -> prompt.append("Summary of the conversation so far:\n").append(s)
        .append("\n\nHow it continued:\n"));
    older.subList(from, older.size()).forEach(round -> prompt.append(transcript(round)));
    Sampling sampling = new Sampling(OptionalInt.of(settings.summaryMaxTokens()),
        OptionalDouble.of(0.0), OptionalDouble.empty(), OptionalLong.empty(), 1, List.of(),
        Optional.empty());
    return ChatRequest.of(settings.summaryModel().orElseThrow(), List.of(
            Message.text(Role.SYSTEM, INSTRUCTIONS), Message.text(Role.USER, prompt.toString())))
        .withSampling(sampling);
  }

  private String note(Draft draft, List<Round> older, String summary) {
    int count = older.stream().mapToInt(Round::size).sum();
    StringBuilder note = new StringBuilder("The first ").append(count)
        .append(" messages of this conversation were replaced by the gateway with a summary"
            + " written by a smaller model:\n")
        .append(summary);
    draft.orphanFacts().ifPresent(facts ->
        note.append("\nFacts from those messages, verbatim, by message:\n").append(facts));
    return note.toString();
  }

  /** The chained hash of rounds 0..j for every j: element j covers {@code j + 1} rounds. */
  static List<String> prefixHashes(List<Round> rounds) {
    List<String> hashes = new ArrayList<>();
    byte[] chained = new byte[0];
    for (Round round : rounds) {
      MessageDigest digest = sha256();
      digest.update(chained);
      digest.update(transcript(round).getBytes(StandardCharsets.UTF_8));
      chained = digest.digest();
      hashes.add(HexFormat.of().formatHex(chained));
    }
    return hashes;
  }

  static String transcript(Round round) {
    StringBuilder out = new StringBuilder();
    for (Message m : round.messages()) {
      String text = m.role() == Role.TOOL
          ? JsonCompactor.compact(m.text()).orElse(m.text())
          : m.text();
      if (!text.isBlank()) {
        out.append(speaker(m)).append(": ").append(text.strip()).append('\n');
      }
      for (ToolCall call : m.toolCalls()) {
        out.append("agent calls ").append(call.name()).append(' ')
            .append(call.argumentsJson()).append('\n');
      }
    }
    return out.toString();
  }

  private static String speaker(Message m) {
    return switch (m.role()) {
      case USER -> "customer";
      case ASSISTANT -> "agent";
      case TOOL -> "tool " + m.name().orElse("result");
      case SYSTEM -> "system";
    };
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
