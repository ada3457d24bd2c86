package dev.gearbox.provider;

import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.ChatResponse;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * One upstream model server. Calls block the calling (virtual) thread; each is a single
 * attempt: retries, fallback and usage counting belong to {@link FallbackChain}.
 * {@code request.model()} must already be the upstream's model name.
 */
public sealed interface Provider extends AutoCloseable
    permits OpenAiCompatibleProvider, AnthropicProvider {

  ProviderSpec spec();

  /**
   * Sends a non-streamed request and returns the whole answer.
   *
   * @throws dev.gearbox.model.GatewayException when the upstream failed (UpstreamFailed), timed
   *     out against the attempt timeout or the deadline (UpstreamTimeout), could not be reached
   *     (UpstreamUnreachable), found the prompt too long (ContextLengthExceeded) or rejected the
   *     request (UpstreamRejected), or when the request holds something this upstream cannot
   *     express (InvalidRequest)
   */
  ChatResponse complete(ChatRequest request, Deadline deadline);

  /**
   * Sends a streamed request and returns the open stream once the upstream answered 200; the
   * caller must close it.
   *
   * @throws dev.gearbox.model.GatewayException as {@link #complete}, for failures before the
   *     stream opened
   */
  UpstreamStream stream(ChatRequest request, Deadline deadline);

  /** Releases the HTTP client, aborting exchanges still running (their streams fail). */
  @Override
  void close();

  /**
   * The provider for {@code spec}, reading its API key once from {@code env} (normally
   * {@code System::getenv} wrapped in an Optional).
   *
   * @throws IllegalStateException when the spec names a key variable that {@code env} lacks
   */
  static Provider create(ProviderSpec spec, Function<String, Optional<String>> env, Clock clock) {
    Optional<String> apiKey = ApiKey.read(spec, env);
    return switch (spec.kind()) {
      case OPENAI_COMPATIBLE -> new OpenAiCompatibleProvider(spec, apiKey, clock);
      case ANTHROPIC -> new AnthropicProvider(spec, apiKey, clock);
    };
  }

  /** The provider for {@code spec} with its key from the process environment. */
  static Provider create(ProviderSpec spec) {
    return create(spec, name -> Optional.ofNullable(System.getenv(name)), Clock.systemUTC());
  }
}
