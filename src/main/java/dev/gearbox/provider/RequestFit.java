package dev.gearbox.provider;

import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.GatewayError;
import dev.gearbox.model.ResponseFormat;
import java.util.Optional;

/**
 * Whether a model can honour everything a request asks for. A parameter it cannot honour is
 * refused by name, never dropped: an answer that silently ignores {@code response_format} or
 * {@code tools} looks valid and is wrong.
 *
 * <p>{@code n > 1} on a model that returns one choice per call is served by fanning out when
 * the answer is not streamed; several interleaved streams cannot be stitched into one, so a
 * streamed request with {@code n > 1} is refused there.
 */
final class RequestFit {
  private RequestFit() {}

  /** The refusal for {@code request} on {@code candidate}, or empty when it fits. */
  static Optional<GatewayError.InvalidRequest> check(ChatRequest request, Candidate candidate) {
    String alias = candidate.model().alias();
    Capabilities can = candidate.model().capabilities();
    if (request.stream() && request.sampling().n() > 1 && !candidate.returnsSeveralChoices()) {
      return refuse(
          "n", "model '%s' cannot stream several choices; send n=1 or do not stream", alias);
    }
    if (!request.tools().isEmpty() && !can.tools()) {
      return refuse("tools", "model '%s' does not support tools", alias);
    }
    if (request.hasImages() && !can.vision()) {
      return refuse("messages", "model '%s' does not accept images", alias);
    }
    return request.responseFormat().flatMap(format -> checkFormat(format, candidate));
  }

  /** Whether {@code request} needs one upstream call per choice on {@code candidate}. */
  static boolean needsFanOut(ChatRequest request, Candidate candidate) {
    return !request.stream() && request.sampling().n() > 1 && !candidate.returnsSeveralChoices();
  }

  private static Optional<GatewayError.InvalidRequest> checkFormat(
      ResponseFormat format, Candidate candidate) {
    String alias = candidate.model().alias();
    return switch (format) {
      case ResponseFormat.Text ignored -> Optional.empty();
      case ResponseFormat.JsonObject ignored ->
          candidate.kind() == ProviderKind.ANTHROPIC
              ? refuse("response_format", "model '%s' (Anthropic) has no JSON mode", alias)
              : Optional.empty();
      case ResponseFormat.JsonSchema ignored ->
          candidate.kind() == ProviderKind.ANTHROPIC
                  || !candidate.model().capabilities().jsonSchema()
              ? refuse("response_format", "model '%s' does not support a JSON schema", alias)
              : Optional.empty();
    };
  }

  private static Optional<GatewayError.InvalidRequest> refuse(
      String param, String template, String alias) {
    return Optional.of(GatewayError.InvalidRequest.forParam(param, template.formatted(alias)));
  }
}
