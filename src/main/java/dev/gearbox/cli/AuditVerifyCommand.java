package dev.gearbox.cli;

import dev.gearbox.audit.AuditException;
import dev.gearbox.audit.AuditExport;
import dev.gearbox.audit.AuditKeys;
import dev.gearbox.audit.AuditVerifier;
import dev.gearbox.audit.Checkpoint;
import dev.gearbox.audit.Verification;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gearbox audit verify}: checks the chain and every signed checkpoint, and names the first
 * bad record; with {@code --checkpoints FILE} it also says how many of the file's checkpoints were
 * checked against the log and with which key. Exit 0 when intact, 1 when broken, when the log
 * cannot be read or when a file given holds no checkpoint.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = "Check the audit log's hash chain and signed checkpoints; exit 1 if broken.")
final class AuditVerifyCommand implements Callable<Integer> {
  @Mixin AuditLocation location;

  @Option(
      names = "--public-key",
      paramLabel = "FILE",
      description = "A public key checkpoints may be signed with (repeatable; default: the"
          + " data directory's " + AuditKeys.PUBLIC_KEY_FILE + ").")
  List<Path> publicKeys = new ArrayList<>();

  @Option(
      names = "--checkpoints",
      paramLabel = "FILE",
      description = "An earlier export (JSON lines) whose checkpoints must still match"
          + " (repeatable); proves that no records were cut from the end since.")
  List<Path> keptCheckpoints = new ArrayList<>();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      Map<Path, PublicKey> keys = keys();
      Map<Path, List<Checkpoint>> kept = kept();
      Optional<Path> empty = kept.entrySet().stream().filter(e -> e.getValue().isEmpty())
          .map(Map.Entry::getKey).findFirst();
      if (empty.isPresent()) {
        err.println("gearbox: " + empty.get() + " holds no audit checkpoints; pass an"
            + " `audit export` file or the gateway's `audit checkpoint` log lines");
        return FriendlyErrors.FAILURE;
      }
      Map<Checkpoint, String> keptIn = new HashMap<>();
      kept.forEach((file, checkpoints) -> checkpoints.forEach(
          c -> keptIn.putIfAbsent(c, file.toString())));
      Verification result = new AuditVerifier(location.reader(),
          List.copyOf(keys.values()), kept.values().stream().flatMap(List::stream).toList(),
          keptIn).verify();
      if (!result.intact()) {
        err.println(result.summary());
        return FriendlyErrors.FAILURE;
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(result.summary());
      kept.forEach((file, checkpoints) -> out.println(keptLine(file, checkpoints, keys)));
      return 0;
    } catch (AuditException e) {
      err.println("gearbox: " + e.getMessage());
      return FriendlyErrors.FAILURE;
    }
  }

  /** What was checked of one file's checkpoints, once all of them matched the log. */
  private static String keptLine(Path file, List<Checkpoint> checkpoints,
      Map<Path, PublicKey> keys) {
    LongSummaryStatistics seqs = checkpoints.stream().mapToLong(Checkpoint::seq)
        .summaryStatistics();
    Set<String> keyIds = new TreeSet<>();
    checkpoints.forEach(c -> keyIds.add(c.keyId()));
    String signers = keyIds.stream().map(id -> "key " + id + keys.entrySet().stream()
            .filter(k -> AuditKeys.keyId(k.getValue()).equals(id))
            .map(k -> " (" + k.getKey() + ")").findFirst().orElse(""))
        .collect(Collectors.joining(", "));
    return "checkpoints from " + file + ": " + checkpoints.size() + " checked against the log"
        + " (covering records up to " + seqs.getMax() + "), all match; signed with " + signers;
  }

  private Map<Path, PublicKey> keys() {
    List<Path> files = new ArrayList<>(publicKeys);
    Path own = location.keysDir().resolve(AuditKeys.PUBLIC_KEY_FILE);
    if (files.isEmpty() && Files.exists(own)) {
      files.add(own);
    }
    Map<Path, PublicKey> keys = new LinkedHashMap<>();
    files.forEach(f -> keys.put(f, AuditKeys.readPublicKey(f)));
    return keys;
  }

  private Map<Path, List<Checkpoint>> kept() {
    Map<Path, List<Checkpoint>> kept = new LinkedHashMap<>();
    keptCheckpoints.forEach(f -> kept.put(f, AuditExport.checkpointsIn(f)));
    return kept;
  }
}
