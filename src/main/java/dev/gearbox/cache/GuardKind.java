package dev.gearbox.cache;

/**
 * The kinds of false semantic hit that embeddings are known to miss: two prompts close in
 * meaning-space whose answers differ. Each guard compares the cached prompt with the new one and
 * refuses the hit when they differ in its kind.
 */
public enum GuardKind {
  /** "a 3 bedroom flat" vs "a 4 bedroom flat"; number words count ("three" = 3). */
  NUMBERS,
  /** "5 km in miles" vs "5 miles in km": units, and which number each unit belongs to. */
  UNITS,
  /** "the weather in May" vs "in June"; weekdays, years in date forms, today / tomorrow. */
  DATES,
  /** "capital of France" vs "capital of Spain": names, acronyms, code identifiers. */
  ENTITIES,
  /** "turn on the heating" vs "turn off the heating", "can I" vs "can't I". */
  NEGATION;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
