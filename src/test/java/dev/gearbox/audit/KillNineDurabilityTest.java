package dev.gearbox.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.sim.SimConfig;
import dev.gearbox.sim.Simulator;
import dev.gearbox.store.DatabaseConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise "an acknowledged request is in the audit log", tested the hard way: a real gateway
 * process under concurrent load (plain and streamed calls) is killed with SIGKILL, then its log
 * is verified offline. The log must verify to its last record, and every request a client saw
 * succeed (a whole JSON answer, or a stream through its final [DONE]) must be in it.
 */
class KillNineDurabilityTest {
  private static final Pattern SERVING = Pattern.compile("serving on http://[0-9.]+:(\\d+)");
  private static final int CLIENTS = 8;
  private static final int SUCCESSES_BEFORE_KILL = 150;

  @TempDir Path dir;

  @Test
  void killedUnderLoad_logVerifies_andHoldsEveryAcknowledgedRequest() throws Exception {
    try (Simulator upstream = Simulator.start(SimConfig.defaults().fast(), 0)) {
      killUnderLoadAndVerify(upstream);
    }
  }

  /** The upstream lives in this JVM, so the gateway process starts without loading its data. */
  private void killUnderLoadAndVerify(Simulator upstream) throws Exception {
    Path config = dir.resolve("gearbox.yaml");
    Files.writeString(config, """
        providers:
          - {name: sim, kind: openai-compatible, base_url: "%s", locality: on-prem}
        models:
          - {alias: sim-frontier, provider: sim, tier: frontier}
          - {alias: sim-small, provider: sim, tier: small, fallbacks: [sim-frontier]}
        routing: {default_model: sim-small}
        baseline_model: sim-frontier
        audit: {checkpoint_every: 25}
        """.formatted(upstream.baseUri()));
    Path data = dir.resolve("data");
    Process gateway = start(config, data);
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicInteger cutOff = new AtomicInteger();
    try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
      URI base = URI.create("http://127.0.0.1:" + port(gateway));
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      List<Future<?>> load = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        boolean streamed = c % 2 == 0;
        load.add(clients.submit(() -> drive(http, base, streamed, acknowledged, cutOff)));
      }
      awaitSuccesses(acknowledged, gateway);
      gateway.destroyForcibly();
      assertThat(gateway.waitFor(10, TimeUnit.SECONDS)).isTrue();
      for (Future<?> client : load) {
        client.get(20, TimeUnit.SECONDS);
      }
    } finally {
      gateway.destroyForcibly();
    }

    assertThat(gateway.exitValue()).as("killed by SIGKILL").isEqualTo(137);
    assertThat(cutOff.get()).as("requests were in flight when the process died").isPositive();
    AuditReader reader = AuditReader.direct(new DatabaseConfig.Sqlite(data));
    Verification verdict = new AuditVerifier(reader,
        List.of(AuditKeys.readPublicKey(data.resolve(AuditKeys.PUBLIC_KEY_FILE))), List.of())
        .verify();
    assertThat(verdict.intact()).as(verdict.summary()).isTrue();
    Set<String> logged = new HashSet<>();
    reader.forEach(r -> logged.add(r.requestId()));
    assertThat(logged).containsAll(acknowledged);
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(SUCCESSES_BEFORE_KILL);
  }

  private Process start(Path config, Path data) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"),
        "dev.gearbox.cli.Main", "serve", "--config", config.toString(), "--port", "0",
        "--data-dir", data.toString());
    builder.redirectError(dir.resolve("gateway.log").toFile());
    return builder.start();
  }

  /** Reads the child's announcement for its port (within 30 s). */
  private static int port(Process gateway) throws Exception {
    CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> {
      try {
        BufferedReader lines = new BufferedReader(
            new InputStreamReader(gateway.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = lines.readLine()) != null) {
          Matcher m = SERVING.matcher(line);
          if (m.find()) {
            return Integer.parseInt(m.group(1));
          }
        }
        throw new IllegalStateException("the gateway exited before serving");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    return port.get(30, TimeUnit.SECONDS);
  }

  private static void awaitSuccesses(Set<String> acknowledged, Process gateway)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (acknowledged.size() < SUCCESSES_BEFORE_KILL && System.nanoTime() < deadline
        && gateway.isAlive()) {
      Thread.sleep(20);
    }
  }

  /** One client: calls until the gateway is gone, noting each request id it saw succeed. */
  private static void drive(HttpClient http, URI base, boolean streamed, Set<String> acknowledged,
      AtomicInteger cutOff) {
    for (int i = 0; ; i++) {
      try {
        call(http, base, streamed, i).ifPresent(acknowledged::add);
      } catch (IOException e) {
        cutOff.incrementAndGet();
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static Optional<String> call(HttpClient http, URI base, boolean streamed, int i)
      throws IOException, InterruptedException {
    String body = "{\"model\":\"auto\",\"stream\":" + streamed + ",\"messages\":[{\"role\":"
        + "\"user\",\"content\":\"Count the apples in basket " + i + ", please.\"}]}";
    HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/chat/completions"))
        .header("content-type", "application/json")
        .timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    boolean whole = streamed
        ? response.body().contains("data: [DONE]")
        : response.body().contains("\"choices\"");
    if (response.statusCode() != 200 || !whole) {
      return Optional.empty();
    }
    return response.headers().firstValue("x-gearbox-request-id");
  }
}
