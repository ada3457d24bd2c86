package dev.gearbox.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProviderSpecTest {

  private static ProviderSpec spec(String url, Map<String, String> headers) {
    return new ProviderSpec(
        "p",
        ProviderKind.OPENAI_COMPATIBLE,
        URI.create(url),
        Optional.empty(),
        Locality.EXTERNAL,
        Duration.ofSeconds(1),
        Duration.ofSeconds(30),
        1,
        headers);
  }

  @ParameterizedTest
  @CsvSource({
    "http://localhost:11434/v1, /chat/completions, http://localhost:11434/v1/chat/completions",
    "https://api.openai.com/v1/, /chat/completions, https://api.openai.com/v1/chat/completions",
    "https://api.anthropic.com/v1, /messages, https://api.anthropic.com/v1/messages",
    "http://[::1]:8000/v1, /chat/completions, http://[::1]:8000/v1/chat/completions"
  })
  void endpoint_appendsThePathToTheVersionedBase(String base, String path, String expected) {
    assertThat(spec(base, Map.of()).endpoint(path)).isEqualTo(URI.create(expected));
  }

  @Test
  void credentialsInTheUrl_areRefused() {
    assertThatThrownBy(() -> spec("https://user:hunter2@proxy.internal/v1", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void standInUrl_isAcceptedButNotCallable() {
    ProviderSpec embedded = spec("embedded:simulator", Map.of());

    assertThat(embedded.callable()).isFalse();
    assertThatThrownBy(() -> Provider.create(embedded))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot be called");
  }

  @Test
  void headersTheClientSetsItself_areRefused() {
    assertThatThrownBy(() -> spec("http://h/v1", Map.of("Host", "elsewhere")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'Host'");
  }

  @Test
  void retriesAreBounded() {
    assertThatThrownBy(() -> spec("http://h/v1", Map.of()).withRetries(11))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> spec("http://h/v1", Map.of()).withRetries(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
