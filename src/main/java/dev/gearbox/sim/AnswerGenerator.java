package dev.gearbox.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Writes answers for prompts nobody recorded, and placeholder text for recorded outcomes that
 * kept no text, out of the models' own recorded answers.
 *
 * <p>Why recombined sentences: the text must read like the model (its markdown, its arithmetic,
 * its phrasing) so that token counts, compression and caching behave as on real traffic; random
 * words or lorem ipsum tokenise quite differently. A generated answer is runs of 1-3 consecutive
 * sentences taken from the model's recorded answers (or from every recorded answer, for models
 * whose sets kept no text), until it reaches a length drawn from that model's recorded answer
 * lengths. Everything is seeded by the caller's key, so the same key gives the same text.
 */
final class AnswerGenerator {
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?:])\\s+");
  private static final int MAX_SENTENCES_PER_RUN = 3;
  private static final int FALLBACK_LENGTH_CHARS = 600;

  private final Map<String, List<List<String>>> sentencesByModel;
  private final List<List<String>> allSentences;
  private final Map<String, int[]> lengthsByModel;
  private final int[] allLengths;

  private AnswerGenerator(
      Map<String, List<List<String>>> sentencesByModel,
      List<List<String>> allSentences,
      Map<String, int[]> lengthsByModel,
      int[] allLengths) {
    this.sentencesByModel = sentencesByModel;
    this.allSentences = allSentences;
    this.lengthsByModel = lengthsByModel;
    this.allLengths = allLengths;
  }

  /** Gathers every recorded text and length of every set. */
  static AnswerGenerator of(RecordedSets sets) {
    Map<String, List<List<String>>> sentences = new HashMap<>();
    Map<String, IntStream.Builder> lengths = new HashMap<>();
    IntStream.Builder allLengths = IntStream.builder();
    for (RecordedSet set : RecordedSet.values()) {
      for (String model : sets.models(set)) {
        String key = model.toLowerCase(Locale.ROOT);
        IntStream.Builder own = lengths.computeIfAbsent(key, k -> IntStream.builder());
        List<List<String>> ownSentences = sentences.computeIfAbsent(key, k -> new ArrayList<>());
        for (RecordedItem item : sets.items(set)) {
          for (int t = 0; t < item.turns().size(); t++) {
            item.answer(model, t)
                .ifPresent(
                    answer -> {
                      if (answer.lengthChars() > 0) {
                        own.add(answer.lengthChars());
                        allLengths.add(answer.lengthChars());
                      }
                      answer
                          .text()
                          .map(AnswerGenerator::sentences)
                          .filter(x -> !x.isEmpty())
                          .ifPresent(ownSentences::add);
                    });
          }
        }
      }
    }
    sentences.values().removeIf(List::isEmpty);
    List<List<String>> all = sentences.values().stream().flatMap(List::stream).toList();
    Map<String, int[]> lengthArrays = new HashMap<>();
    lengths.forEach((model, builder) -> lengthArrays.put(model, builder.build().toArray()));
    return new AnswerGenerator(
        Map.copyOf(sentences), all, Map.copyOf(lengthArrays), allLengths.build().toArray());
  }

  /** An answer of {@code model}'s usual length, the same for the same seed. */
  String generate(String model, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int target = drawLength(model, random);
    return compose(model, random, target);
  }

  /** Text of exactly {@code lengthChars} characters, standing in for an unrecorded answer. */
  String placeholder(String model, long seed, int lengthChars) {
    if (lengthChars == 0) {
      return "";
    }
    SplittableRandom random = new SplittableRandom(seed);
    String text = compose(model, random, lengthChars);
    String cut = text.substring(0, lengthChars);
    // Never end on half a surrogate pair: swap it for a space, keeping the length.
    return Character.isHighSurrogate(cut.charAt(lengthChars - 1))
        ? cut.substring(0, lengthChars - 1) + " "
        : cut;
  }

  /** A length in characters drawn from the model's recorded answers (all models' if none). */
  int drawLength(String model, SplittableRandom random) {
    int[] lengths = lengthsByModel.getOrDefault(model.toLowerCase(Locale.ROOT), allLengths);
    return lengths.length == 0 ? FALLBACK_LENGTH_CHARS : lengths[random.nextInt(lengths.length)];
  }

  /** A few recorded sentences of the model, for filling string values of JSON. */
  String phrase(String model, SplittableRandom random) {
    List<String> answer = pick(pool(model), random);
    return answer.get(random.nextInt(answer.size()));
  }

  private String compose(String model, SplittableRandom random, int targetChars) {
    List<List<String>> pool = pool(model);
    StringBuilder text = new StringBuilder(targetChars + 200);
    while (text.length() < targetChars) {
      if (!text.isEmpty()) {
        text.append("\n\n");
      }
      List<String> answer = pick(pool, random);
      int start = random.nextInt(answer.size());
      int end = Math.min(answer.size(), start + 1 + random.nextInt(MAX_SENTENCES_PER_RUN));
      text.append(String.join(" ", answer.subList(start, end)));
    }
    return text.toString();
  }

  private List<List<String>> pool(String model) {
    List<List<String>> own = sentencesByModel.get(model.toLowerCase(Locale.ROOT));
    return own != null ? own : allSentences;
  }

  private static List<String> pick(List<List<String>> pool, SplittableRandom random) {
    if (pool.isEmpty()) {
      throw new IllegalStateException("no recorded answer text is bundled; the data is missing");
    }
    return pool.get(random.nextInt(pool.size()));
  }

  /** The sentences of a recorded answer, line by line; markdown markers stay as they are. */
  static List<String> sentences(String text) {
    List<String> out = new ArrayList<>();
    for (String line : text.split("\\R")) {
      Arrays.stream(SENTENCE_END.split(line.strip()))
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .forEach(out::add);
    }
    return List.copyOf(out);
  }
}
