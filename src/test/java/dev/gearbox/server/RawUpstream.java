package dev.gearbox.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback upstream written on a bare socket, so a test controls every byte a misbehaving
 * server or proxy sends: any status, headers and body (an nginx HTML page, a gzip body nobody
 * asked for, JSON where a stream was asked for), or a connection that is reset instead of
 * answered. Each request gets the next queued {@link Reply}; connections are kept alive.
 */
final class RawUpstream implements AutoCloseable {
  private final ServerSocket server;
  private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger closedByPeer = new AtomicInteger();
  private final AtomicInteger abandoned = new AtomicInteger();

  /**
   * One answer: bytes as they go on the wire after the status line and headers. With a
   * {@code pause}, an event stream waits that long after each event, any other answer before
   * it starts; the connection then closes at its end.
   */
  record Reply(int status, Map<String, String> headers, byte[] body, Action action,
      Duration pause) {
    static Reply json(int status, String body) {
      return new Reply(status, Map.of("content-type", "application/json"), bytes(body),
          Action.ANSWER, Duration.ZERO);
    }

    static Reply of(int status, String contentType, String body) {
      return new Reply(status, Map.of("content-type", contentType), bytes(body), Action.ANSWER,
          Duration.ZERO);
    }

    /** Resets the connection (RST) as soon as the request has arrived. */
    static Reply reset() {
      return new Reply(0, Map.of(), new byte[0], Action.RESET, Duration.ZERO);
    }

    Reply withHeader(String name, String value) {
      Map<String, String> all = new LinkedHashMap<>(headers);
      all.put(name, value);
      return new Reply(status, all, body, action, pause);
    }

    Reply withBody(byte[] raw) {
      return new Reply(status, headers, raw, action, pause);
    }

    Reply slowly(Duration each) {
      return new Reply(status, headers, body, Action.SLOW, each);
    }
  }

  enum Action { ANSWER, RESET, SLOW }

  RawUpstream() {
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread.ofVirtual().name("raw-upstream-accept").start(this::accept);
  }

  void next(Reply reply) {
    replies.add(reply);
  }

  /** Forgets queued replies, received requests and abandoned replies, for the next test. */
  void clear() {
    replies.clear();
    received.clear();
    abandoned.set(0);
  }

  /** Request bodies in arrival order. */
  List<String> received() {
    return received;
  }

  int connections() {
    return connections.get();
  }

  /** How many connections the client closed (EOF on our side). */
  int closedByPeer() {
    return closedByPeer.get();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/v1");
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        connections.incrementAndGet();
        open.add(socket);
        Thread.ofVirtual().start(() -> serve(socket));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      while (true) {
        Map<String, String> head = readHead(in);
        if (head == null) {
          closedByPeer.incrementAndGet();
          return;
        }
        int length = Integer.parseInt(head.getOrDefault("content-length", "0"));
        received.add(new String(in.readNBytes(length), StandardCharsets.UTF_8));
        Reply reply = replies.poll();
        if (reply == null) {
          reply = Reply.json(500, "{\"error\":{\"message\":\"no answer queued\"}}");
        }
        if (reply.action() == Action.RESET) {
          socket.setSoLinger(true, 0);
          return;
        }
        if (reply.action() == Action.SLOW) {
          if (!writeSlowly(socket, reply)) {
            abandoned.incrementAndGet();
          }
          return;
        }
        write(out, reply);
      }
    } catch (SocketException e) {
      closedByPeer.incrementAndGet();
    } catch (IOException | RuntimeException e) {
      // the client went away, or sent something other than HTTP (a TLS handshake)
    }
  }

  /**
   * Plays a slow reply: an event stream's head at once, then each event with a wait after it;
   * any other answer after a wait. Every wait watches the connection; false when the client closed it first.
   */
  private static boolean writeSlowly(Socket socket, Reply reply) throws IOException {
    boolean events = reply.headers().getOrDefault("content-type", "").startsWith("text/event");
    if (!events && !waitWatching(socket, reply.pause())) {
      return false;
    }
    OutputStream out = socket.getOutputStream();
    StringBuilder head = new StringBuilder("HTTP/1.1 " + reply.status() + " X\r\n");
    reply.headers().forEach((name, value) -> head.append(name).append(": ").append(value)
        .append("\r\n"));
    head.append("connection: close\r\n\r\n");
    try {
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String body = new String(reply.body(), StandardCharsets.UTF_8);
      for (String piece : events ? body.split("(?<=\n\n)") : new String[] {body}) {
        out.write(piece.getBytes(StandardCharsets.UTF_8));
        out.flush();
        if (events && !waitWatching(socket, reply.pause())) {
          return false;
        }
      }
      return true;
    } catch (SocketException e) {
      return false;
    }
  }

  /** Waits {@code pause}, reading the connection meanwhile; false when the client closed it. */
  private static boolean waitWatching(Socket socket, Duration pause) throws IOException {
    long until = System.nanoTime() + pause.toNanos();
    socket.setSoTimeout(20);
    try {
      while (System.nanoTime() < until) {
        try {
          if (socket.getInputStream().read() < 0) {
            return false;
          }
        } catch (java.net.SocketTimeoutException e) {
          // still open
        } catch (SocketException e) {
          return false;
        }
      }
      return true;
    } finally {
      socket.setSoTimeout(0);
    }
  }

  /** How many slow replies were cut short because the client closed the connection. */
  int abandoned() {
    return abandoned.get();
  }

  private static void write(OutputStream out, Reply reply) throws IOException {
    StringBuilder head = new StringBuilder("HTTP/1.1 " + reply.status() + " X\r\n");
    reply.headers().forEach((name, value) -> head.append(name).append(": ").append(value)
        .append("\r\n"));
    if (!reply.headers().containsKey("transfer-encoding")) {
      head.append("content-length: ").append(reply.body().length).append("\r\n");
    }
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(reply.body());
    out.flush();
  }

  /** The request's headers, lower-cased; null at the end of the connection. */
  private static Map<String, String> readHead(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    Map<String, String> headers = new LinkedHashMap<>();
    boolean first = true;
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1).strip();
        line.reset();
        if (text.isEmpty()) {
          return headers;
        }
        if (!first) {
          int colon = text.indexOf(':');
          headers.put(text.substring(0, colon).strip().toLowerCase(Locale.ROOT),
              text.substring(colon + 1).strip());
        }
        first = false;
      } else {
        line.write(b);
      }
    }
    return null;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    for (Socket socket : open) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }
}
