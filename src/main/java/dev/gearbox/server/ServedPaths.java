package dev.gearbox.server;

import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every path the gateway serves and its methods, recorded as each route is registered, so that
 * what a 404 lists, what a 405 allows and what {@code OPTIONS} answers are the routes there are.
 * A template's {@code {name}} stands for one path segment ({@code /calls/{id}}).
 */
final class ServedPaths {
  private final HttpRouting.Builder routing;
  private final Map<String, Set<String>> methods = new LinkedHashMap<>();

  ServedPaths(HttpRouting.Builder routing) {
    this.routing = routing;
  }

  ServedPaths get(String template, Handler handler) {
    routing.get(template, handler);
    return record("GET", template);
  }

  ServedPaths post(String template, Handler handler) {
    routing.post(template, handler);
    return record("POST", template);
  }

  ServedPaths head(String template, Handler handler) {
    routing.head(template, handler);
    return record("HEAD", template);
  }

  private synchronized ServedPaths record(String method, String template) {
    methods.computeIfAbsent(template, t -> new LinkedHashSet<>()).add(method);
    return this;
  }

  /** The methods served on a path ({@code "GET, HEAD"}); empty when no route matches it. */
  synchronized Optional<String> methodsOn(String path) {
    return methods.entrySet().stream()
        .filter(e -> matches(e.getKey(), path))
        .findFirst()
        .map(e -> String.join(", ", e.getValue()));
  }

  /** Every route as {@code METHOD /path}, HEAD left out where GET is there too. */
  synchronized String listing() {
    return methods.entrySet().stream()
        .map(e -> e.getValue().stream()
            .filter(m -> !(m.equals("HEAD") && e.getValue().contains("GET")))
            .collect(Collectors.joining("/")) + " " + e.getKey())
        .collect(Collectors.joining(", "));
  }

  private static boolean matches(String template, String path) {
    String[] want = template.split("/", -1);
    String[] got = path.split("/", -1);
    if (want.length != got.length) {
      return false;
    }
    for (int i = 0; i < want.length; i++) {
      boolean parameter = want[i].startsWith("{") && want[i].endsWith("}");
      if (parameter ? got[i].isEmpty() : !want[i].equals(got[i])) {
        return false;
      }
    }
    return true;
  }
}
