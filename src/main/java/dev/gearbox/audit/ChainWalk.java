package dev.gearbox.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.audit.Verification.Broken;
import dev.gearbox.audit.Verification.Problem;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Walks the records in stored order and stops at the first that does not fit the chain. Checks,
 * per record: its hash covers its body (else it was changed); its indexed columns agree with the
 * body; the body's own {@code seq} is its position (else records were moved, removed and the
 * rest renumbered, or inserted); no position is skipped (removed); and its {@code prev} is the
 * hash of the record before it (else that record was changed and its hash recomputed).
 *
 * <p>To tell a removed record from one moved elsewhere, it is given the set of {@code seq}
 * values that occur in bodies anywhere in the log (a first pass).
 */
final class ChainWalk {
  private final BitSet seqsInBodies;
  private final Set<Long> checkpointSeqs;
  private final Map<Long, String> hashAtCheckpoint = new HashMap<>();
  private long expected = 1;
  private String prevHash = Canonical.GENESIS;
  private Optional<Accepted> previous = Optional.empty();
  private long records;
  private Optional<Broken> broken = Optional.empty();

  ChainWalk(BitSet seqsInBodies, Set<Long> checkpointSeqs) {
    this.seqsInBodies = seqsInBodies;
    this.checkpointSeqs = Set.copyOf(checkpointSeqs);
  }

  /** Checks one record; false (stop) once the chain is broken. */
  boolean visit(StoredRecord row) {
    broken = check(row);
    return broken.isEmpty();
  }

  Optional<Broken> broken() {
    return broken;
  }

  long records() {
    return records;
  }

  long lastSeq() {
    return expected - 1;
  }

  /** The hash of record {@code seq}, for the records checkpoints cover. */
  Optional<String> hashAt(long seq) {
    return Optional.ofNullable(hashAtCheckpoint.get(seq));
  }

  private Optional<Broken> check(StoredRecord row) {
    String computed = Canonical.sha256Hex(row.body());
    if (!computed.equals(row.hash())) {
      return broken(Problem.CHANGED, row.seq(), Optional.of(row.requestId()),
          "its content no longer matches its stored hash");
    }
    Optional<JsonNode> parsed = row.parsed();
    if (parsed.isEmpty()) {
      return broken(Problem.CHANGED, row.seq(), Optional.of(row.requestId()),
          "its body is not valid JSON (body and hash were replaced)");
    }
    JsonNode body = parsed.get();
    String requestId = body.path("request_id").asText(row.requestId());
    Optional<Broken> columns = columns(row, body, requestId);
    if (columns.isPresent()) {
      return columns;
    }
    long claimed = body.path("seq").asLong(-1);
    if (claimed != row.seq()) {
      return misplaced(row, claimed, requestId, body.path("prev").asText(""));
    }
    if (row.seq() > expected) {
      return gap(row.seq());
    }
    if (!body.path("prev").asText("").equals(prevHash)) {
      return brokenLink(claimed, requestId);
    }
    accept(claimed, computed, requestId, body.path("prev").asText(""));
    return Optional.empty();
  }

  private Optional<Broken> columns(StoredRecord row, JsonNode body, String requestId) {
    if (!requestId.equals(row.requestId())) {
      return columnEdited(row, requestId, "request_id");
    }
    Optional<String> session = body.hasNonNull("session_id")
        ? Optional.of(body.get("session_id").asText())
        : Optional.empty();
    if (!session.equals(row.sessionId())) {
      return columnEdited(row, requestId, "session_id");
    }
    if (atEpochMs(body) != row.atEpochMs()) {
      return columnEdited(row, requestId, "at_epoch_ms");
    }
    return Optional.empty();
  }

  private Optional<Broken> columnEdited(StoredRecord row, String requestId, String column) {
    return broken(Problem.CHANGED, row.seq(), Optional.of(requestId),
        "its " + column + " column was edited and no longer agrees with the hashed body");
  }

  private static long atEpochMs(JsonNode body) {
    try {
      return Instant.parse(body.path("at").asText("")).toEpochMilli();
    } catch (DateTimeParseException e) {
      return Long.MIN_VALUE;
    }
  }

  /** The record's body says it belongs elsewhere than where it is stored. */
  private Optional<Broken> misplaced(
      StoredRecord row, long claimed, String requestId, String prev) {
    if (claimed >= 1 && claimed < expected) {
      return duplicate(row, claimed, requestId, prev);
    }
    if (claimed == expected) {
      return broken(Problem.CHANGED, row.seq(), Optional.of(requestId),
          "it is record " + claimed + " but its seq column was changed to " + row.seq());
    }
    if (expected >= 1 && seqsInBodies.get((int) Math.min(expected, Integer.MAX_VALUE))) {
      return broken(Problem.REORDERED, row.seq(), Optional.of(requestId),
          "record " + claimed + " is stored where record " + expected
              + " belongs, and record " + expected + " is elsewhere in the log");
    }
    if (claimed > expected) {
      return broken(Problem.REMOVED, expected, Optional.empty(),
          "records " + range(expected, claimed - 1) + " are missing, and the records after"
              + " them were renumbered to hide the gap");
    }
    return broken(Problem.CHANGED, row.seq(), Optional.of(requestId),
        "its seq field holds " + claimed + ", which no genuine record has");
  }

  /**
   * A second record with a number already seen: the earlier copy, stored just before, was
   * inserted when both follow the same predecessor (the genuine one was pushed down).
   */
  private Optional<Broken> duplicate(
      StoredRecord row, long claimed, String requestId, String prev) {
    if (previous.isPresent() && previous.get().seq() == claimed
        && previous.get().prev().equals(prev)) {
      Accepted inserted = previous.get();
      return Optional.of(new Broken(Problem.INSERTED, inserted.seq(),
          Optional.of(inserted.requestId()),
          "it is not part of the original chain: the next record (request " + requestId
              + ") is also record " + claimed + " and follows the same predecessor",
          inserted.seq() - 1));
    }
    return broken(Problem.INSERTED, row.seq(), Optional.of(requestId),
        "it repeats record " + claimed + ": a record was copied or inserted here");
  }

  private Optional<Broken> gap(long rowSeq) {
    if (seqsInBodies.get((int) Math.min(expected, Integer.MAX_VALUE))) {
      return broken(Problem.REORDERED, expected, Optional.empty(),
          "record " + expected + " is not where it belongs: records were reordered");
    }
    return broken(Problem.REMOVED, expected, Optional.empty(),
        (rowSeq - expected == 1 ? "record " + expected + " is" : "records "
            + range(expected, rowSeq - 1) + " are") + " missing from the log");
  }

  private Optional<Broken> brokenLink(long claimed, String requestId) {
    if (previous.isEmpty()) {
      return broken(Problem.CHANGED, claimed, Optional.of(requestId),
          "it does not start the chain: it was replaced by a record made up to fit");
    }
    Accepted changed = previous.get();
    return Optional.of(new Broken(Problem.CHANGED, changed.seq(),
        Optional.of(changed.requestId()),
        "its content and hash were changed together: record " + claimed
            + " was chained to a different version of it",
        changed.seq() - 1));
  }

  private void accept(long seq, String hash, String requestId, String prev) {
    prevHash = hash;
    previous = Optional.of(new Accepted(seq, requestId, prev));
    expected = seq + 1;
    records++;
    if (checkpointSeqs.contains(seq)) {
      hashAtCheckpoint.put(seq, hash);
    }
  }

  private Optional<Broken> broken(
      Problem problem, long seq, Optional<String> requestId, String detail) {
    return Optional.of(new Broken(problem, seq, requestId, detail, Math.min(seq - 1,
        lastSeq())));
  }

  private static String range(long from, long to) {
    return from == to ? Long.toString(from) : from + ".." + to;
  }

  private record Accepted(long seq, String requestId, String prev) {
    Accepted {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(prev, "prev");
    }
  }
}
