package dev.gearbox.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimConfigFileTest {
  @Test
  void fullFile_readsModelsLatenciesAndFaults(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sim.yaml");
    Files.writeString(
        file,
        """
        seed: 7
        chars_per_delta: 4
        models:
          - name: sim-llama-3.1-8b
            recorded_model: Llama-3.1-8B-Instruct
            ttft_ms: 40
            tokens_per_second: 300
            context_window_tokens: 8192
            dialect: llama.cpp
            faults:
              - kind: http_503
                count: 2
              - kind: rate_limit;retry_after=3
                probability: 0.05
        """);

    SimConfig config = SimConfigFile.read(file);

    assertThat(config.seed()).isEqualTo(7);
    assertThat(config.charsPerDelta()).isEqualTo(4);
    SimModel model = config.model("sim-llama-3.1-8b").orElseThrow();
    assertThat(model.recordedModel()).isEqualTo("Llama-3.1-8B-Instruct");
    assertThat(model.ttftMs()).isEqualTo(40);
    assertThat(model.tokensPerSecond()).isEqualTo(300);
    assertThat(model.contextWindowTokens()).isEqualTo(8192);
    assertThat(model.dialect()).isEqualTo(ServerDialect.LLAMACPP);
    assertThat(model.faults())
        .containsExactly(
            FaultRule.first(2, new Fault.HttpError(503)),
            FaultRule.withProbability(0.05, new Fault.RateLimit(3)));
  }

  @Test
  void emptyFile_isTheDefaults() {
    assertThat(SimConfigFile.parse("")).isEqualTo(SimConfig.defaults());
    assertThat(SimConfigFile.parse("seed: 42\n").models()).isEqualTo(SimConfig.defaults().models());
  }

  @Test
  void unknownKey_isRefusedWithItsPlaceAndTheKnownKeys() {
    assertThatThrownBy(
            () ->
                SimConfigFile.parse(
                    "models:\n  - name: a\n    recorded_model: gpt-4o\n    ttft: 3\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown key 'ttft' at models[0]")
        .hasMessageContaining("ttft_ms");
  }

  @Test
  void badFaultOrDialect_isRefusedWithItsPlace() {
    assertThatThrownBy(
            () ->
                SimConfigFile.parse(
                    "models:\n"
                        + "  - name: a\n"
                        + "    recorded_model: gpt-4o\n"
                        + "    faults:\n"
                        + "      - kind: boom\n"
                        + "        count: 1\n"))
        .hasMessageContaining("models[0].faults[0]: unknown fault 'boom'");
    assertThatThrownBy(
            () ->
                SimConfigFile.parse(
                    "models:\n"
                        + "  - name: a\n"
                        + "    recorded_model: gpt-4o\n"
                        + "    faults:\n"
                        + "      - kind: timeout\n"))
        .hasMessageContaining("either a count or a probability");
    assertThatThrownBy(
            () ->
                SimConfigFile.parse(
                    "models:\n  - name: a\n    recorded_model: gpt-4o\n    dialect: tgi\n"))
        .hasMessageContaining("models[0].dialect 'tgi' is unknown");
  }

  @Test
  void unrecordedModel_isRefusedWhenTheSimulatorStarts() {
    SimConfig config = SimConfig.defaults().withModels(List.of(SimModel.of("x", "gpt-7")));

    assertThatThrownBy(() -> Simulator.start(config, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'gpt-7', which no bundled set recorded");
  }
}
