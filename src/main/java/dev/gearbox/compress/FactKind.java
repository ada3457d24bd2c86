package dev.gearbox.compress;

/** The kinds of fact an agent's later turns refer back to, verbatim. */
enum FactKind {
  /** Identifiers: user, reservation and payment ids, flight numbers, e-mail addresses. */
  ID,
  /** Calendar dates (ISO form). */
  DATE,
  /** Numbers: prices, balances, counts. */
  AMOUNT,
  /** Names of people and places, and short upper-case codes such as airports. */
  NAME;

  String label() {
    return switch (this) {
      case ID -> "ids";
      case DATE -> "dates";
      case AMOUNT -> "amounts";
      case NAME -> "names";
    };
  }
}
