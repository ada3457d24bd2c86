package dev.gearbox.cli;

import dev.gearbox.audit.AuditException;
import dev.gearbox.audit.AuditExport;
import dev.gearbox.audit.AuditKeys;
import dev.gearbox.audit.AuditVerifier;
import dev.gearbox.audit.Checkpoint;
import dev.gearbox.audit.Verification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gearbox audit verify}: checks the chain and every signed checkpoint, and names the first
 * bad record. Exit 0 when intact, 1 when broken or when the log cannot be read.
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
    try {
      Verification result =
          new AuditVerifier(location.reader(), keys(), kept()).verify();
      (result.intact() ? spec.commandLine().getOut() : spec.commandLine().getErr())
          .println(result.summary());
      return result.intact() ? 0 : FriendlyErrors.FAILURE;
    } catch (AuditException e) {
      spec.commandLine().getErr().println("gearbox: " + e.getMessage());
      return FriendlyErrors.FAILURE;
    }
  }

  private List<PublicKey> keys() {
    List<Path> files = new ArrayList<>(publicKeys);
    Path own = location.keysDir().resolve(AuditKeys.PUBLIC_KEY_FILE);
    if (files.isEmpty() && Files.exists(own)) {
      files.add(own);
    }
    return files.stream().map(AuditKeys::readPublicKey).toList();
  }

  private List<Checkpoint> kept() {
    return keptCheckpoints.stream().flatMap(f -> AuditExport.checkpointsIn(f).stream()).toList();
  }
}
