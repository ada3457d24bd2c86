package dev.gearbox.audit;

import java.util.Objects;
import java.util.Optional;

/** The outcome of verifying an audit log: intact, or broken at a named record. */
public sealed interface Verification {

  boolean intact();

  /** One or two lines a person can act on. */
  String summary();

  /**
   * Every record is unchanged and in place, and every checkpoint is genuine and matches.
   *
   * @param unsignedFrom the first record no checkpoint covers yet (beyond {@code lastSeq} when
   *     all are covered); those records are protected by the chain alone
   */
  record Intact(long records, long lastSeq, int checkpoints, long unsignedFrom)
      implements Verification {
    public boolean intact() {
      return true;
    }

    public String summary() {
      if (records == 0) {
        return "audit log intact: it holds no records yet";
      }
      String text = "audit log intact: " + records + " records (1.." + lastSeq + "), "
          + checkpoints + " signed checkpoint" + (checkpoints == 1 ? "" : "s");
      if (unsignedFrom <= lastSeq) {
        text += "; records " + unsignedFrom + ".." + lastSeq
            + " are chained but not yet covered by a signed checkpoint";
      }
      return text;
    }
  }

  /**
   * The first bad record and what is wrong with it.
   *
   * @param seq the record (position in the log) where the problem is
   * @param intactThrough the last record before it that verified
   */
  record Broken(
      Problem problem, long seq, Optional<String> requestId, String detail, long intactThrough)
      implements Verification {
    public Broken {
      Objects.requireNonNull(problem, "problem");
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(detail, "detail");
    }

    public boolean intact() {
      return false;
    }

    public String summary() {
      String which = "record " + seq + requestId.map(id -> " (request " + id + ")").orElse("");
      String verified = switch (Long.signum(intactThrough - 1)) {
        case -1 -> "no record before it verifies.";
        case 0 -> "record 1 verifies.";
        default -> "records 1.." + intactThrough + " verify.";
      };
      return "audit log BROKEN at " + which + ": " + problem.label() + " - " + detail + "\n"
          + verified;
    }
  }

  /** The kinds of damage the verifier tells apart. */
  enum Problem {
    CHANGED("changed"),
    REMOVED("removed"),
    REORDERED("reordered"),
    INSERTED("inserted"),
    TRUNCATED("removed from the end"),
    REWRITTEN("rewritten"),
    BAD_SIGNATURE("forged checkpoint"),
    UNKNOWN_KEY("checkpoint by an unknown key");

    private final String label;

    Problem(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
