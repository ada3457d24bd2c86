package dev.gearbox.cli;

import dev.gearbox.audit.AuditException;
import dev.gearbox.audit.AuditExport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gearbox audit export --format jsonl}: every record and checkpoint, for SIEM tools. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Write the audit log as JSON lines: records, then signed checkpoints.")
final class AuditExportCommand implements Callable<Integer> {
  @Mixin AuditLocation location;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "jsonl",
      description = "Output format; jsonl (JSON lines) is the one supported.")
  String format;

  @Option(names = "--output", paramLabel = "FILE",
      description = "Write here instead of standard output.")
  Path output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (!format.equals("jsonl")) {
      spec.commandLine().getErr().println("gearbox: unknown format '" + format
          + "'; supported: jsonl");
      return FriendlyErrors.FAILURE;
    }
    try {
      if (output == null) {
        PrintWriter out = spec.commandLine().getOut();
        AuditExport.jsonl(location.reader(), out);
      } else {
        try (Writer out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
          long lines = AuditExport.jsonl(location.reader(), out);
          spec.commandLine().getErr().println("wrote " + lines + " lines to " + output);
        }
      }
      return 0;
    } catch (AuditException e) {
      spec.commandLine().getErr().println("gearbox: " + e.getMessage());
      return FriendlyErrors.FAILURE;
    }
  }
}
