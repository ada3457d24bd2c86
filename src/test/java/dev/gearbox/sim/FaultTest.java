package dev.gearbox.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class FaultTest {
  @Test
  void parse_readsEveryKindAndItsParameters() {
    assertThat(Fault.parse("rate_limit", 2)).isEqualTo(new Fault.RateLimit(2));
    assertThat(Fault.parse("rate_limit;retry_after=7", 2)).isEqualTo(new Fault.RateLimit(7));
    assertThat(Fault.parse("http_500", 2)).isEqualTo(new Fault.HttpError(500));
    assertThat(Fault.parse(" http_503 ", 2)).isEqualTo(new Fault.HttpError(503));
    assertThat(Fault.parse("timeout", 2)).isEqualTo(new Fault.Timeout());
    assertThat(Fault.parse("drop_mid_stream", 2))
        .isEqualTo(new Fault.DropMidStream(OptionalInt.empty()));
    assertThat(Fault.parse("drop_mid_stream;after=3", 2))
        .isEqualTo(new Fault.DropMidStream(OptionalInt.of(3)));
    assertThat(Fault.parse("error_in_stream", 2)).isEqualTo(new Fault.ErrorInStream(0));
    assertThat(Fault.parse("error_in_stream;after=5", 2)).isEqualTo(new Fault.ErrorInStream(5));
    assertThat(Fault.parse("context_length", 2))
        .isEqualTo(new Fault.ContextLength(Optional.empty()));
    assertThat(Fault.parse("context_length:llama.cpp", 2))
        .isEqualTo(new Fault.ContextLength(Optional.of(ServerDialect.LLAMACPP)));
    assertThat(Fault.parse("split_sse", 2)).isEqualTo(new Fault.SplitSse());
  }

  @Test
  void spec_parsesBackToTheSameFault() {
    for (String spec :
        new String[] {
          "rate_limit;retry_after=4",
          "http_503",
          "timeout",
          "drop_mid_stream;after=2",
          "error_in_stream;after=1",
          "context_length:sglang",
          "split_sse"
        }) {
      Fault fault = Fault.parse(spec, 0);
      assertThat(Fault.parse(fault.spec(), 0)).isEqualTo(fault);
    }
  }

  @Test
  void unknownKind_isRefusedNamingTheKnownOnes() {
    assertThatThrownBy(() -> Fault.parse("explode", 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown fault 'explode'")
        .hasMessageContaining("split_sse");
    assertThatThrownBy(() -> Fault.parse("context_length:tgi", 2))
        .hasMessageContaining("known: openai, vllm, llamacpp, sglang, ollama, anthropic");
    assertThatThrownBy(() -> Fault.parse("http_404", 2)).hasMessageContaining("5xx");
    assertThatThrownBy(() -> Fault.parse("error_in_stream;after=x", 2))
        .hasMessageContaining("whole number");
  }
}
