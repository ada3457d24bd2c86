package dev.gearbox.server;

import dev.gearbox.model.ClientText;
import dev.gearbox.model.GatewayError;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Browser access (CORS) and plain {@code OPTIONS}, before any endpoint runs.
 *
 * <p>A browser sends {@code Origin} with every cross-origin call, and a page's POST with a
 * {@code text/plain} body needs no preflight, so without a check any web page a developer opens
 * could spend on a gateway that trusts loopback callers without a key. On such a gateway a call
 * from an origin that is not listed in {@code server.cors_origins} (and is not the gateway's own)
 * is therefore refused with a 403 in the API's error format. With keys configured a page cannot
 * authenticate by accident, so such a call runs, only without {@code Access-Control-*} headers:
 * desktop apps that embed a browser but do not enforce CORS keep working. A listed origin gets
 * the preflight answer and the headers that let its page read answers and the
 * {@code x-gearbox-*} headers. SDKs and servers send no {@code Origin} and are not affected.
 */
final class CrossOrigin implements Filter {
  private static final HeaderName ALLOW_ORIGIN = HeaderNames.create("Access-Control-Allow-Origin");
  private static final HeaderName ALLOW_METHODS =
      HeaderNames.create("Access-Control-Allow-Methods");
  private static final HeaderName ALLOW_HEADERS =
      HeaderNames.create("Access-Control-Allow-Headers");
  private static final HeaderName EXPOSE_HEADERS =
      HeaderNames.create("Access-Control-Expose-Headers");
  private static final HeaderName MAX_AGE = HeaderNames.create("Access-Control-Max-Age");
  private static final HeaderName REQUEST_METHOD =
      HeaderNames.create("Access-Control-Request-Method");
  private static final HeaderName REQUEST_HEADERS =
      HeaderNames.create("Access-Control-Request-Headers");
  private static final String EXPOSED = Stream.of(GearboxHeaders.REQUEST_ID,
          GearboxHeaders.ROUTE, GearboxHeaders.MODEL, GearboxHeaders.TIER, GearboxHeaders.CACHE,
          GearboxHeaders.COST_USD, GearboxHeaders.SAVED_USD, HeaderNames.RETRY_AFTER)
      .map(HeaderName::lowerCase)
      .collect(Collectors.joining(", "));

  private final List<String> origins;
  private final ServedPaths endpoints;
  private final boolean keyless;

  /**
   * @param origins the allowed origins, {@code *} for any
   * @param endpoints the served paths with their methods
   * @param keyless whether the gateway accepts loopback callers without a key
   */
  CrossOrigin(List<String> origins, ServedPaths endpoints, boolean keyless) {
    this.origins = List.copyOf(origins);
    this.endpoints = endpoints;
    this.keyless = keyless;
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    String path = req.path().path();
    boolean options = req.prologue().method().text().equals("OPTIONS");
    Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
    if (origin.isEmpty()) {
      Optional<String> served = endpoints.methodsOn(path);
      if (options && served.isPresent()) {
        res.header(HeaderNames.ALLOW, served.get() + ", OPTIONS");
        res.status(204).send();
        return;
      }
      chain.proceed();
      return;
    }
    if (!allows(origin.get(), req.headers().first(HeaderNames.HOST))) {
      if (keyless || options) {
        refuse(res, path, origin.get());
      } else {
        chain.proceed();
      }
      return;
    }
    res.header(ALLOW_ORIGIN, origins.contains("*") ? "*" : origin.get());
    res.header(HeaderNames.VARY, "Origin");
    if (options && req.headers().contains(REQUEST_METHOD)) {
      preflight(req, res, path);
      return;
    }
    res.header(EXPOSE_HEADERS, EXPOSED);
    chain.proceed();
  }

  private boolean allows(String origin, Optional<String> host) {
    boolean sameOrigin = host.isPresent()
        && (origin.equals("http://" + host.get()) || origin.equals("https://" + host.get()));
    return sameOrigin || origins.contains("*") || origins.contains(origin);
  }

  private void preflight(RoutingRequest req, RoutingResponse res, String path) {
    res.header(ALLOW_METHODS, endpoints.methodsOn(path).orElse("GET, POST") + ", OPTIONS");
    req.headers().first(REQUEST_HEADERS).ifPresent(h -> res.header(ALLOW_HEADERS, h));
    res.header(MAX_AGE, "600");
    res.status(204).send();
  }

  private static void refuse(RoutingResponse res, String path, String origin) {
    GatewayError error = new GatewayError.Forbidden("requests from web origin "
        + ClientText.quote(origin) + " are not allowed; list it in server.cors_origins to let"
        + " its pages call the gateway");
    ClientApi api = ClientApi.forPath(path);
    res.status(api.status(error));
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    res.send(api.encodeError(error));
  }
}
