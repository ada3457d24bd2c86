package dev.gearbox.provider;

import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.ChatResponse;
import dev.gearbox.model.GatewayException;
import dev.gearbox.wire.OpenAiCodec;
import dev.gearbox.wire.StreamReader;
import dev.gearbox.wire.TokenLimitField;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * A server speaking OpenAI Chat Completions at {@code <baseUrl>/chat/completions}: OpenAI, vLLM,
 * llama.cpp, Ollama, SGLang, TGI. The key, when there is one, travels as a bearer token.
 * Streams always ask for usage ({@code stream_options.include_usage}) so the ledger gets the
 * upstream's own counts; whether the client sees them is the server's choice. Stop sequences
 * beyond the four OpenAI takes are applied to the answer here ({@link ExtraStops}).
 */
public final class OpenAiCompatibleProvider implements Provider {
  private static final String PATH = "/chat/completions";
  private static final String OPENAI_HOST = "api.openai.com";

  private final ProviderSpec spec;
  private final TokenLimitField limitField;
  private final Redactor redactor;
  private final UpstreamHttp http;

  OpenAiCompatibleProvider(ProviderSpec spec, Optional<String> apiKey, Clock clock) {
    this.spec = spec;
    this.limitField = limitField(spec);
    this.redactor = Redactor.of(apiKey, spec.extraHeaders());
    Map<String, String> auth =
        apiKey.map(key -> Map.of("authorization", "Bearer " + key)).orElse(Map.of());
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
        http.post(PATH, OpenAiCodec.encodeRequest(plain, limitField), request.model(), deadline);
    return new ExtraStops(OpenAiCodec.stopsLeftOut(request)).apply(decode(answer, request));
  }

  @Override
  public UpstreamStream stream(ChatRequest request, Deadline deadline) {
    ChatRequest streamed = request.withStream(true, true);
    UpstreamStream stream =
        switch (http.openStream(
            PATH, OpenAiCodec.encodeRequest(streamed, limitField), request.model(), deadline)) {
          case UpstreamHttp.Opened.Events(BodyReader body) ->
              new HttpUpstreamStream(body, StreamReader.openAi(), redactor);
          case UpstreamHttp.Opened.Whole(byte[] answer) ->
              new ReplayedStream(decode(answer, request));
        };
    ExtraStops extra = new ExtraStops(OpenAiCodec.stopsLeftOut(request));
    return extra.isEmpty() ? stream : new ExtraStopsStream(stream, extra);
  }

  private ChatResponse decode(byte[] answer, ChatRequest request) {
    try {
      return OpenAiCodec.decodeResponse(answer);
    } catch (GatewayException e) {
      throw http.errors().unreadable(e, request.model());
    }
  }

  /**
   * OpenAI's own API refuses {@code max_tokens} on its reasoning models and accepts
   * {@code max_completion_tokens} on all; Ollama and older llama.cpp builds read only
   * {@code max_tokens}, which every other compatible server accepts too.
   */
  private static TokenLimitField limitField(ProviderSpec spec) {
    return OPENAI_HOST.equalsIgnoreCase(spec.baseUrl().getHost())
        ? TokenLimitField.MAX_COMPLETION_TOKENS
        : TokenLimitField.MAX_TOKENS;
  }

  @Override
  public void close() {
    http.close();
  }

  @Override
  public String toString() {
    return "OpenAiCompatibleProvider[" + spec.name() + " at " + spec.baseUrl() + "]";
  }
}
