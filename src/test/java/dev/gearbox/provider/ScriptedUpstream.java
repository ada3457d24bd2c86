package dev.gearbox.provider;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A loopback HTTP/1.1 upstream on a raw socket, playing one scripted reply per request. A raw
 * socket, not an HTTP server library, because the point is byte-level control: split an event
 * anywhere (inside a UTF-8 character), go silent, or reset the connection mid-body. Replies end
 * by closing the connection, so the client never reuses one across scripts.
 */
final class ScriptedUpstream implements AutoCloseable {
  private final ServerSocket server;
  private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  private ScriptedUpstream() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = Thread.ofVirtual().start(this::acceptLoop);
  }

  static ScriptedUpstream start() {
    try {
      return new ScriptedUpstream();
    } catch (IOException e) {
      throw new IllegalStateException("cannot open a loopback port", e);
    }
  }

  /** A base URL on a port nobody listens on (bound, then released). */
  static URI refusingBaseUrl() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return URI.create("http://127.0.0.1:" + probe.getLocalPort() + "/v1");
    }
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/v1");
  }

  /** Queues replies for the next requests, in order. A request finding none gets a 599. */
  ScriptedUpstream then(Reply... next) {
    replies.addAll(List.of(next));
    return this;
  }

  List<Recorded> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : open) {
      socket.close();
    }
    acceptor.interrupt();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        open.add(socket);
        Thread.ofVirtual().start(() -> serve(socket));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      requests.add(readRequest(socket.getInputStream()));
      Reply reply = replies.poll();
      (reply == null ? Reply.json(599, "{\"error\":\"no scripted reply\"}") : reply).play(socket);
    } catch (IOException | InterruptedException e) {
      // The client went away (a timeout test) or the test closed the upstream.
    }
  }

  private static Recorded readRequest(InputStream in) throws IOException {
    String head = readHead(in);
    String[] lines = head.split("\r\n");
    String[] requestLine = lines[0].split(" ");
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).trim());
    }
    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
    return new Recorded(requestLine[0], requestLine[1], headers, body);
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("request ended in its head");
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII).strip();
  }

  /** One request as the upstream received it; header names in lower case. */
  record Recorded(String method, String path, Map<String, String> headers, String body) {}

  /** One reply: steps played on the raw connection, which is then closed. */
  record Reply(List<Step> steps) {
    static Reply json(int status, String body) {
      return json(status, Map.of(), body);
    }

    static Reply json(int status, Map<String, String> headers, String body) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " Scripted\r\n");
      head.append("content-type: application/json\r\n");
      head.append("content-length: ").append(bytes.length).append("\r\n");
      head.append("connection: close\r\n");
      headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
      head.append("\r\n");
      return new Reply(List.of(write(head.toString()), new Step.Write(bytes)));
    }

    /** A 200 event stream whose body is the given chunks, each written (and flushed) apart. */
    static Reply sse(List<byte[]> chunks) {
      return sse(chunks, Duration.ofNanos(300_000));
    }

    /** As {@link #sse(List)}, with {@code pause} between chunks so each tends to be one read. */
    static Reply sse(List<byte[]> chunks, Duration pause) {
      List<Step> steps = new ArrayList<>();
      steps.add(
          write(
              "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n"
                  + "cache-control: no-cache\r\nconnection: close\r\n\r\n"));
      chunks.forEach(
          chunk -> {
            steps.add(new Step.Write(chunk));
            steps.add(new Step.Pause(pause));
          });
      return new Reply(steps);
    }

    /** A 200 event stream whose whole body goes out in one write. */
    static Reply sseAtOnce(List<byte[]> chunks) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      chunks.forEach(body::writeBytes);
      return new Reply(
          List.of(
              write(
                  "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n"
                      + "connection: close\r\n\r\n"),
              new Step.Write(body.toByteArray())));
    }

    /** Reads the request and says nothing for {@code silence}. */
    static Reply hang(Duration silence) {
      return new Reply(List.of(new Step.Pause(silence)));
    }

    /** Resets the connection without answering. */
    static Reply reset() {
      return new Reply(List.of(new Step.Reset()));
    }

    /** This reply, then more steps (a pause, a reset) before the connection closes. */
    Reply and(Step... more) {
      List<Step> all = new ArrayList<>(steps);
      all.addAll(List.of(more));
      return new Reply(all);
    }

    private static Step write(String text) {
      return new Step.Write(text.getBytes(StandardCharsets.UTF_8));
    }

    void play(Socket socket) throws IOException, InterruptedException {
      OutputStream out = socket.getOutputStream();
      for (Step step : steps) {
        switch (step) {
          case Step.Write(byte[] bytes) -> {
            out.write(bytes);
            out.flush();
          }
          case Step.Pause(Duration duration) -> Thread.sleep(duration);
          case Step.Reset() -> {
            socket.setSoLinger(true, 0);
            socket.close();
            return;
          }
        }
      }
    }
  }

  sealed interface Step {
    record Write(byte[] bytes) implements Step {}

    record Pause(Duration duration) implements Step {}

    record Reset() implements Step {}
  }
}
