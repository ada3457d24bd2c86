package dev.gearbox.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.cost.TokenCounter;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.GatewayException;
import dev.gearbox.provider.ModelSpec;
import dev.gearbox.wire.AnthropicCodec;
import dev.gearbox.wire.Json;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * {@code POST /v1/messages/count_tokens}: the input tokens a Messages request would use, which
 * agents such as Claude Code ask before every turn to manage their context window. Counted here
 * with the tokenizer of the model asked for (cl100k for a name that is not configured, as the
 * count needs no upstream), so no upstream is called and nothing is charged or put in the ledger.
 */
final class TokenCountEndpoint implements Handler {
  private static final Logger LOG = LoggerFactory.getLogger(TokenCountEndpoint.class);

  private final Authenticator authenticator;
  private final long maxBodyBytes;
  private final List<ModelSpec> models;

  TokenCountEndpoint(Authenticator authenticator, long maxBodyBytes, List<ModelSpec> models) {
    this.authenticator = authenticator;
    this.maxBodyBytes = maxBodyBytes;
    this.models = List.copyOf(models);
  }

  @Override
  public void handle(ServerRequest req, ServerResponse res) {
    String requestId = RequestIds.next();
    MDC.put("requestId", requestId);
    res.header(GearboxHeaders.REQUEST_ID, requestId);
    try {
      authenticator.authenticate(
          req.headers().first(HeaderNames.AUTHORIZATION),
          req.headers().first(GearboxHeaders.X_API_KEY),
          req.remotePeer().address());
      ChatRequest request = AnthropicCodec.decodeCountRequest(BoundedBody.read(req, maxBodyBytes));
      ObjectNode body = Json.MAPPER.createObjectNode()
          .put("input_tokens", counter(request.model()).countPrompt(request));
      res.header(HeaderNames.CONTENT_TYPE, "application/json");
      res.send(ClientApi.bytes(body));
    } catch (GatewayException e) {
      res.status(ClientApi.ANTHROPIC.status(e.error()));
      res.header(HeaderNames.CONTENT_TYPE, "application/json");
      res.send(ClientApi.ANTHROPIC.encodeError(e.error()));
      LOG.debug("count_tokens refused: {}", e.error().message());
    } finally {
      MDC.remove("requestId");
    }
  }

  private TokenCounter counter(String model) {
    return models.stream()
        .filter(m -> m.alias().equals(model))
        .findFirst()
        .map(m -> TokenCounter.named(m.tokenizer()))
        .orElseGet(TokenCounter::cl100k);
  }
}
