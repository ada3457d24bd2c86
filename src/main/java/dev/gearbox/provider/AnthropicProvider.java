package dev.gearbox.provider;

import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.ChatResponse;
import dev.gearbox.model.GatewayException;
import dev.gearbox.wire.AnthropicCodec;
import dev.gearbox.wire.StreamReader;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Anthropic's Messages API at {@code <baseUrl>/messages}, keyed with {@code x-api-key}.
 *
 * <p>Anthropic requires {@code max_tokens}; when the client set none we send
 * {@value #DEFAULT_MAX_TOKENS}, the largest output every current Claude model accepts, so a
 * request never fails for want of it and a short default never truncates ordinary answers.
 */
public final class AnthropicProvider implements Provider {
  static final int DEFAULT_MAX_TOKENS = 4096;
  static final String API_VERSION = "2023-06-01";
  private static final String PATH = "/messages";

  private final ProviderSpec spec;
  private final Clock clock;
  private final Redactor redactor;
  private final UpstreamHttp http;

  AnthropicProvider(ProviderSpec spec, Optional<String> apiKey, Clock clock) {
    this.spec = spec;
    this.clock = clock;
    this.redactor = Redactor.of(apiKey, spec.extraHeaders());
    Map<String, String> auth =
        apiKey
            .map(key -> Map.of("x-api-key", key, "anthropic-version", API_VERSION))
            .orElse(Map.of("anthropic-version", API_VERSION));
    this.http = new UpstreamHttp(spec, auth, redactor, clock);
  }

  @Override
  public ProviderSpec spec() {
    return spec;
  }

  @Override
  public ChatResponse complete(ChatRequest request, Deadline deadline) {
    ChatRequest plain = request.withStream(false, false);
    byte[] answer =
        http.post(
            PATH,
            AnthropicCodec.encodeRequest(plain, DEFAULT_MAX_TOKENS),
            request.model(),
            deadline);
    return decode(answer, request);
  }

  @Override
  public UpstreamStream stream(ChatRequest request, Deadline deadline) {
    ChatRequest streamed = request.withStream(true, true);
    return switch (http.openStream(
        PATH,
        AnthropicCodec.encodeRequest(streamed, DEFAULT_MAX_TOKENS),
        request.model(),
        deadline)) {
      case UpstreamHttp.Opened.Events(BodyReader body) ->
          new HttpUpstreamStream(body, StreamReader.anthropic(clock), redactor);
      case UpstreamHttp.Opened.Whole(byte[] answer) -> new ReplayedStream(decode(answer, request));
    };
  }

  private ChatResponse decode(byte[] answer, ChatRequest request) {
    try {
      return AnthropicCodec.decodeResponse(answer, clock);
    } catch (GatewayException e) {
      throw http.errors().unreadable(e, request.model());
    }
  }

  @Override
  public void close() {
    http.close();
  }

  @Override
  public String toString() {
    return "AnthropicProvider[" + spec.name() + " at " + spec.baseUrl() + "]";
  }
}
