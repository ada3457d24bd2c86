package dev.gearbox.validate;

import java.util.Objects;

/** The result of checking one answer: accepted as it is, or rejected with the reason. */
public sealed interface Verdict {

  boolean accepted();

  /** The answer passed every check. */
  record Accepted() implements Verdict {
    public boolean accepted() {
      return true;
    }
  }

  /**
   * The answer failed a check.
   *
   * @param detail operator-facing detail (which field, which tool); never sent to clients
   */
  record Rejected(EscalationReason reason, String detail) implements Verdict {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }

    public boolean accepted() {
      return false;
    }
  }

  Verdict ACCEPTED = new Accepted();

  static Verdict rejected(EscalationReason reason, String detail) {
    return new Rejected(reason, detail);
  }
}
