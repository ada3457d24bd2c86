package dev.gearbox.cli;

import dev.gearbox.audit.AuditException;
import dev.gearbox.audit.AuditKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gearbox audit public-key}: the PEM public key that verifies the log's checkpoints. */
@Command(
    name = "public-key",
    mixinStandardHelpOptions = true,
    description = "Print the public key that verifies audit checkpoints (PEM), to keep apart.")
final class AuditPublicKeyCommand implements Callable<Integer> {
  @Mixin AuditLocation location;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Path file = location.keysDir().resolve(AuditKeys.PUBLIC_KEY_FILE);
    if (!Files.exists(file)) {
      spec.commandLine().getErr().println("gearbox: no audit key at " + file
          + "; the gateway creates it on its first start");
      return FriendlyErrors.FAILURE;
    }
    try {
      PublicKey key = AuditKeys.readPublicKey(file);
      spec.commandLine().getOut().print(Files.readString(file));
      spec.commandLine().getErr().println("key id " + AuditKeys.keyId(key));
      spec.commandLine().getOut().flush();
      return 0;
    } catch (AuditException | java.io.IOException e) {
      spec.commandLine().getErr().println("gearbox: " + e.getMessage());
      return FriendlyErrors.FAILURE;
    }
  }
}
