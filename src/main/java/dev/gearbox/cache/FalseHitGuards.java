package dev.gearbox.cache;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses a semantic hit whose cached prompt differs from the new one in a way that changes the
 * answer but barely moves a sentence embedding. Reports show these as the common false hits of
 * similarity caches: "3 bedrooms" vs "4 bedrooms" scores above 0.95 on MiniLM, and so do
 * "turn on" vs "turn off", "in May" vs "in June" and "capital of France" vs "of Spain".
 *
 * <p>Each guard compares extracted facts, not wording, so a paraphrase that keeps the numbers,
 * units, dates, names and polarity still passes: "How many miles is 5 km?" matches "Convert 5 km
 * to miles" (5 belongs to km in both) but not "Convert 5 miles to km". The guards are lexical and
 * English-centred; they only ever turn a hit into a miss, so their failure mode is a lost saving,
 * never a wrong answer.
 */
public final class FalseHitGuards {
  private FalseHitGuards() {}

  /** The first guard that refuses serving {@code cached}'s answer to {@code query}, if any. */
  public static Optional<GuardKind> refusal(String query, String cached) {
    return refusal(PromptFacts.of(query), PromptFacts.of(cached));
  }

  static Optional<GuardKind> refusal(PromptFacts query, PromptFacts cached) {
    if (!query.dates().equals(cached.dates())) {
      return Optional.of(GuardKind.DATES);
    }
    if (!query.quantities().equals(cached.quantities())
        || !query.units().equals(cached.units())) {
      return Optional.of(GuardKind.UNITS);
    }
    if (!query.numbers().equals(cached.numbers())) {
      return Optional.of(GuardKind.NUMBERS);
    }
    if (!namesFound(query.entities(), cached.words())
        || !namesFound(cached.entities(), query.words())) {
      return Optional.of(GuardKind.ENTITIES);
    }
    if (query.negated() != cached.negated() || opposed(query.words(), cached.words())) {
      return Optional.of(GuardKind.NEGATION);
    }
    return Optional.empty();
  }

  /** Every name of one prompt appears, in any case, among the words of the other. */
  private static boolean namesFound(Set<String> names, Set<String> words) {
    return words.containsAll(names);
  }

  /** One prompt says x and not y where the other says y and not x ("on" / "off"). */
  private static boolean opposed(Set<String> a, Set<String> b) {
    for (List<String> pair : Lexicon.OPPOSITES) {
      String x = pair.get(0);
      String y = pair.get(1);
      if (only(a, x, y) && only(b, y, x) || only(a, y, x) && only(b, x, y)) {
        return true;
      }
    }
    return false;
  }

  private static boolean only(Set<String> words, String present, String absent) {
    return words.contains(present) && !words.contains(absent);
  }
}
