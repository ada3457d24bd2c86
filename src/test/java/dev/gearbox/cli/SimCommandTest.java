package dev.gearbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.sim.SimConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimCommandTest {
  @Test
  void fast_removesEveryModelsLatency() {
    SimCommand command = new SimCommand();
    new CommandLine(command).parseArgs("--port", "0", "--fast");

    SimConfig config = command.simConfig();

    assertThat(config.models()).extracting(m -> m.ttftMs()).containsOnly(0L);
    assertThat(config.models()).extracting(m -> m.tokensPerSecond()).containsOnly(0.0);
    assertThat(command.port).isZero();
  }

  @Test
  void configFile_isRead(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sim.yaml");
    Files.writeString(file, "models:\n  - name: only\n    recorded_model: gpt-4o\n");
    SimCommand command = new SimCommand();
    new CommandLine(command).parseArgs("--config", file.toString());

    assertThat(command.simConfig().models()).extracting(m -> m.name()).containsExactly("only");
  }

  @Test
  void badConfig_exitsWithCode2AndSaysWhy(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sim.yaml");
    Files.writeString(file, "modles: []\n");
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Main()).setErr(new PrintWriter(err));

    int code = cli.execute("sim", "--config", file.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("unknown key 'modles'");
  }

  @Test
  void help_listsTheSimCommand() {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new Main()).setOut(new PrintWriter(out));

    assertThat(cli.execute("--help")).isZero();
    assertThat(out.toString()).contains("sim");
  }
}
