package dev.gearbox.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gearbox audit}: verify, export and inspect the tamper-evident audit log. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Verify or export the audit log, or print the key that signs it.",
    subcommands = {
        AuditVerifyCommand.class, AuditExportCommand.class, AuditPublicKeyCommand.class})
final class AuditCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
