package dev.gearbox.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.model.GatewayError;
import dev.gearbox.model.GatewayException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Test fixtures (realistic bodies in src/test/resources/wire) and shared assertions. */
final class Fixtures {
  private Fixtures() {}

  static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/wire/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  static ObjectNode json(String name) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(bytes(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Every SSE event of a complete body. */
  static List<SseEvent> events(String body) {
    List<SseEvent> events = new ArrayList<>();
    SseParser parser = new SseParser(events::add);
    parser.feed(utf8(body));
    parser.finish();
    return events;
  }

  /** The gateway error thrown by {@code call}, checked to be safe for a client to read. */
  static GatewayError failure(ThrowingCallable call) {
    GatewayException thrown = catchThrowableOfType(GatewayException.class, call);
    assertThat(thrown).as("a GatewayException is thrown").isNotNull();
    assertSafe(thrown.error().message());
    return thrown.error();
  }

  /** Asserts a 400 naming {@code param} whose message holds {@code fragment}. */
  static GatewayError.InvalidRequest invalid(ThrowingCallable call, String param, String fragment) {
    GatewayError error = failure(call);
    assertThat(error).isInstanceOf(GatewayError.InvalidRequest.class);
    assertThat(error.httpStatus()).isEqualTo(400);
    assertThat(error.param()).as("param").hasValue(param);
    assertThat(error.message()).contains(fragment);
    return (GatewayError.InvalidRequest) error;
  }

  static void assertSafe(String message) {
    assertThat(message)
        .isNotBlank()
        .doesNotContain("Exception", "exception", "com.fasterxml", "java.", "jackson", "`",
            "[Source", "\tat ", "dev.gearbox");
  }
}
