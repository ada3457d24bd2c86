package dev.gearbox.audit;

import dev.gearbox.audit.Verification.Broken;
import dev.gearbox.audit.Verification.Problem;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks an audit log offline: the chain record by record ({@link ChainWalk}), then every signed
 * checkpoint, the ones in the database and any kept elsewhere (an earlier export). A checkpoint
 * must carry a valid signature by one of the given public keys, cover a record that is still
 * there, and name that record's hash; so records removed from the end, or rewritten together
 * with every hash after them, are found as long as a checkpoint covers them.
 *
 * <p>What it cannot see: records added after the last checkpoint by someone who can write the
 * database, and the removal of the newest records together with every checkpoint covering them,
 * unless a copy of such a checkpoint (an export, the gateway's own log line) is given.
 */
public final class AuditVerifier {
  private final AuditReader reader;
  private final Map<String, PublicKey> keysById;
  private final List<Checkpoint> kept;
  private final Map<Checkpoint, String> keptIn;

  /**
   * @param publicKeys the keys checkpoints may be signed with
   * @param keptCheckpoints checkpoints kept outside the database, checked like the stored ones
   */
  public AuditVerifier(
      AuditReader reader, List<PublicKey> publicKeys, List<Checkpoint> keptCheckpoints) {
    this(reader, publicKeys, keptCheckpoints, Map.of());
  }

  /**
   * @param keptIn where each kept checkpoint came from (a file name), for the verdict to name it
   */
  public AuditVerifier(AuditReader reader, List<PublicKey> publicKeys,
      List<Checkpoint> keptCheckpoints, Map<Checkpoint, String> keptIn) {
    this.reader = reader;
    Map<String, PublicKey> keys = new HashMap<>();
    publicKeys.forEach(k -> keys.put(AuditKeys.keyId(k), k));
    this.keysById = Map.copyOf(keys);
    this.kept = List.copyOf(keptCheckpoints);
    this.keptIn = Map.copyOf(keptIn);
  }

  /** "the checkpoint", or "the checkpoint from FILE" for one kept in a file. */
  private String named(Checkpoint checkpoint) {
    return Optional.ofNullable(keptIn.get(checkpoint)).map(f -> "the checkpoint from " + f)
        .orElse("the checkpoint");
  }

  public Verification verify() {
    List<Checkpoint> checkpoints = checkpoints();
    ChainWalk walk = new ChainWalk(seqsInBodies(),
        checkpoints.stream().map(Checkpoint::seq).collect(Collectors.toSet()));
    reader.forEach(walk::visit);
    if (walk.broken().isPresent()) {
      return walk.broken().get();
    }
    return checkAgainst(checkpoints, walk);
  }

  private List<Checkpoint> checkpoints() {
    Set<Checkpoint> all = new LinkedHashSet<>(reader.checkpoints());
    all.addAll(kept);
    List<Checkpoint> sorted = new ArrayList<>(all);
    sorted.sort(Comparator.comparingLong(Checkpoint::seq));
    return sorted;
  }

  /** First pass: which record numbers occur in bodies at all, to tell removed from moved. */
  private BitSet seqsInBodies() {
    long limit = reader.count() * 2 + 1024;
    BitSet seen = new BitSet();
    reader.forEach(row -> {
      row.parsed().map(body -> body.path("seq").asLong(-1))
          .filter(seq -> seq >= 1 && seq <= limit && seq <= Integer.MAX_VALUE)
          .ifPresent(seq -> seen.set(seq.intValue()));
      return true;
    });
    return seen;
  }

  private Verification checkAgainst(List<Checkpoint> checkpoints, ChainWalk walk) {
    long lastGood = 0;
    for (Checkpoint checkpoint : checkpoints) {
      Optional<Broken> problem = check(checkpoint, walk, lastGood);
      if (problem.isPresent()) {
        return problem.get();
      }
      lastGood = checkpoint.seq();
    }
    return new Verification.Intact(walk.records(), walk.lastSeq(), checkpoints.size(),
        lastGood + 1);
  }

  private Optional<Broken> check(Checkpoint checkpoint, ChainWalk walk, long lastGood) {
    long seq = checkpoint.seq();
    Instant at = checkpoint.at();
    PublicKey key = keysById.get(checkpoint.keyId());
    if (key == null) {
      return Optional.of(new Broken(Problem.UNKNOWN_KEY, seq, Optional.empty(),
          named(checkpoint) + " covering it is signed by key " + checkpoint.keyId()
              + ", which is not among the public keys given (pass it with --public-key)",
          lastGood));
    }
    if (!checkpoint.verifies(key)) {
      return Optional.of(new Broken(Problem.BAD_SIGNATURE, seq, Optional.empty(),
          named(checkpoint) + " covering it (dated " + at + ") has an invalid signature: it was"
              + " forged or altered", lastGood));
    }
    if (seq > walk.lastSeq()) {
      return Optional.of(new Broken(Problem.TRUNCATED, walk.lastSeq() + 1, Optional.empty(),
          "records " + (walk.lastSeq() + 1) + ".." + seq + " are gone from the end of the log;"
              + " " + named(checkpoint) + ", signed at " + at + ", covers record " + seq,
          walk.lastSeq()));
    }
    if (!walk.hashAt(seq).orElse("").equals(checkpoint.hash())) {
      return Optional.of(new Broken(Problem.REWRITTEN, lastGood + 1, Optional.empty(),
          "records " + (lastGood + 1) + ".." + seq + " were rewritten and re-chained: record "
              + seq + " no longer has the hash " + named(checkpoint) + " signed at " + at,
          lastGood));
    }
    return Optional.empty();
  }
}
