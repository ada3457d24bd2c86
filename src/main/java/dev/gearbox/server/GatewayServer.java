package dev.gearbox.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.audit.AuditReader;
import dev.gearbox.config.GatewayConfig;
import dev.gearbox.cost.UsageReport;
import dev.gearbox.gateway.Gateway;
import dev.gearbox.model.ClientText;
import dev.gearbox.model.GatewayError;
import dev.gearbox.policy.DataPolicy;
import dev.gearbox.provider.ModelSpec;
import dev.gearbox.route.ModelNames;
import dev.gearbox.route.RoutePlanner;
import dev.gearbox.wire.Json;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of the gateway: both chat APIs, the model list, health and metrics, on Helidon's
 * virtual-thread webserver. Each request runs on its own virtual thread and blocks freely.
 */
public final class GatewayServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);

  private static final HeaderName ANTHROPIC_VERSION = HeaderNames.create("anthropic-version");

  private final WebServer server;

  private GatewayServer(WebServer server) {
    this.server = server;
  }

  /** Starts listening; port 0 picks a free port ({@link #port()} tells which). */
  public static GatewayServer start(
      GatewayConfig config,
      Gateway gateway,
      GatewayMetrics metrics,
      UsageReport usage,
      Clock clock,
      AuditReader audit) {
    Authenticator auth = new Authenticator(config.keys());
    long maxBody = config.server().maxBodyBytes();
    requireFreePort(config.server().host(), config.server().port());
    WebServer server =
        WebServer.builder()
            .host(config.server().host())
            .port(config.server().port())
            .maxPayloadSize(-1)
            .contentEncoding(RequestEncodings.context())
            .directHandlers(TransportErrors.handlers())
            .routing(routing -> {
              ServedPaths served = new ServedPaths(routing);
              routing.addFilter(new CrossOrigin(config.server().corsOrigins(), served,
                  !config.authenticationRequired()));
              new AdminEndpoints(auth, usage, audit).register(served);
              new CallEndpoint(auth, audit).register(served);
              routes(served, gateway, auth, maxBody, metrics, clock, config);
              routing.any((req, res) -> notFound(req, res, served));
            })
            .build()
            .start();
    if (!server.isRunning() || server.port() < 0) {
      // The webserver logs a failed bind and carries on without a listener; a gateway that
      // serves nothing must not look started.
      server.stop();
      String where = config.server().host() + ":" + config.server().port();
      throw new IllegalStateException("could not listen on " + where,
          new BindException("could not listen on " + where));
    }
    LOG.info("listening on http://{}:{}", config.server().host(), server.port());
    return new GatewayServer(server);
  }

  /**
   * Fails the start with a clear cause when the port is taken, before the webserver tries it:
   * the webserver logs a failed bind as an error with a stack trace, noise in front of the one
   * line that says what to do. (A port taken between this check and the bind is still caught
   * after the start.)
   */
  private static void requireFreePort(String host, int port) {
    if (port == 0) {
      return;
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      String where = host + ":" + port;
      BindException cause = new BindException("could not listen on " + where);
      cause.initCause(e);
      throw new IllegalStateException("could not listen on " + where, cause);
    }
  }

  private static void routes(
      ServedPaths routing,
      Gateway gateway,
      Authenticator auth,
      long maxBody,
      GatewayMetrics metrics,
      Clock clock,
      GatewayConfig config) {
    DataPolicy policy = config.policy();
    routing
        .post("/v1/chat/completions",
            new ChatEndpoint(ClientApi.OPENAI, gateway, auth, maxBody, metrics, clock, policy))
        .post("/v1/messages",
            new ChatEndpoint(ClientApi.ANTHROPIC, gateway, auth, maxBody, metrics, clock, policy))
        .post("/v1/messages/count_tokens",
            new TokenCountEndpoint(auth, maxBody, config.models()))
        .get("/v1/models", (req, res) -> models(res, config.models()))
        .get("/v1/models/{id}", (req, res) -> model(req, res, config.models()))
        .get("/health", (req, res) -> json(res, 200, health()))
        .head("/health", (req, res) -> headOnly(res, "application/json"))
        .head("/v1/models", (req, res) -> headOnly(res, "application/json"))
        .get("/metrics", (req, res) -> {
          res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
          res.send(metrics.scrape());
        });
  }

  /** The model list in a shape both SDKs read: OpenAI's list and Anthropic's page. */
  private static void models(ServerResponse res, List<ModelSpec> models) {
    ObjectNode body = Json.MAPPER.createObjectNode().put("object", "list");
    ArrayNode data = body.putArray("data");
    data.add(routed(ROUTED));
    models.forEach(model -> data.add(model(model)));
    body.put("has_more", false);
    body.put("first_id", ROUTED);
    body.put("last_id", models.isEmpty() ? ROUTED : models.getLast().alias());
    json(res, 200, body);
  }

  /**
   * {@code GET /v1/models/{id}}, which both SDKs' {@code models().retrieve} call; an unknown id is
   * a 404 in the format of the caller's API (Anthropic SDKs send {@code anthropic-version}).
   */
  private static void model(ServerRequest req, ServerResponse res, List<ModelSpec> models) {
    String asked = req.path().pathParameters().get("id");
    String id = ModelNames.canonical(models, asked.strip());
    Optional<ModelSpec> found = models.stream().filter(m -> m.alias().equals(id)).findFirst();
    if (found.isPresent()) {
      json(res, 200, model(found.get()));
      return;
    }
    if (RoutePlanner.ROUTER_ALIASES.contains(id)) {
      json(res, 200, routed(id));
      return;
    }
    GatewayError error = new GatewayError.ModelNotFound("model " + ClientText.quote(asked)
        + " is not configured; known: " + ROUTED + ", "
        + models.stream().map(ModelSpec::alias).collect(Collectors.joining(", ")));
    ClientApi api = req.headers().contains(ANTHROPIC_VERSION) ? ClientApi.ANTHROPIC
        : ClientApi.OPENAI;
    res.status(api.status(error));
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    res.send(api.encodeError(error));
  }

  private static ObjectNode model(ModelSpec model) {
    return model(model.alias(), model.providerName());
  }

  /**
   * The name under which Gearbox chooses the model itself, listed first so that clients which
   * offer a model picker (chat front ends, IDE plug-ins) offer routing too.
   */
  private static ObjectNode routed(String id) {
    return model(id, "gearbox");
  }

  private static ObjectNode model(String id, String owner) {
    return Json.MAPPER.createObjectNode()
        .put("id", id)
        .put("object", "model")
        .put("created", 0)
        .put("owned_by", owner)
        .put("type", "model")
        .put("display_name", id)
        .put("created_at", "1970-01-01T00:00:00Z");
  }

  /** The model name that asks Gearbox to route; {@code gearbox} and {@code default} are kept. */
  private static final String ROUTED = "auto";

  private static ObjectNode health() {
    return Json.MAPPER.createObjectNode().put("status", "ok");
  }

  /**
   * A path no route answered: a 405 naming the methods served there when the path is served, else
   * a 404 listing every served route.
   */
  private static void notFound(ServerRequest req, ServerResponse res, ServedPaths served) {
    String path = req.path().path();
    String method = req.prologue().method().text();
    Optional<String> allowed = served.methodsOn(path);
    GatewayError error;
    if (allowed.isPresent()) {
      error = new GatewayError.MethodNotAllowed(
          "%s is not served on %s; use %s".formatted(method, path, allowed.get()));
      res.header(HeaderNames.ALLOW, allowed.get());
    } else {
      error = new GatewayError.NotFound("no such endpoint: " + method + " " + path
          + baseUrlHint(path, served).map(h -> "; " + h).orElse("") + "; served: "
          + served.listing());
    }
    res.status(error.httpStatus());
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    res.send(ClientApi.forPath(path).encodeError(error));
  }

  /**
   * The usual cause of a 404 from an SDK: a base URL without {@code /v1} for OpenAI, or with it
   * for Anthropic, which puts {@code /v1} into its paths itself; or a trailing slash.
   */
  private static Optional<String> baseUrlHint(String path, ServedPaths served) {
    String trimmed = path.length() > 1 && path.endsWith("/")
        ? path.substring(0, path.length() - 1)
        : path;
    for (String candidate : List.of(trimmed, "/v1" + trimmed, trimmed.replaceFirst("^/v1/v1/",
        "/v1/"))) {
      if (!candidate.equals(path) && served.methodsOn(candidate).isPresent()) {
        return Optional.of("did you mean " + candidate + "? An OpenAI SDK's base URL ends in "
            + "/v1, an Anthropic SDK's is the server root");
      }
    }
    return Optional.empty();
  }

  /** HEAD on a GET endpoint, as uptime checks and load balancers send it: headers only. */
  private static void headOnly(ServerResponse res, String contentType) {
    res.header(HeaderNames.CONTENT_TYPE, contentType);
    res.status(200).send();
  }

  private static void json(ServerResponse res, int status, ObjectNode body) {
    res.status(status);
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    res.send(ClientApi.bytes(body));
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.stop();
  }
}
