package dev.gearbox.provider;

import dev.gearbox.model.GatewayException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An upstream response body read with a time limit on every read: the attempt timeout, or less
 * when the request's deadline comes sooner (until the body is {@link #answering()}). A silent
 * upstream thus fails the read with {@code UpstreamTimeout} instead of holding a request thread
 * forever.
 */
final class BodyReader implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BodyReader.class);

  private final InputStream body;
  private final Watchdog watchdog;
  private final ErrorClassifier errors;
  private final Duration idleTimeout;
  private final Deadline deadline;
  private final AtomicBoolean timedOut = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean answering;

  BodyReader(
      InputStream body,
      Watchdog watchdog,
      ErrorClassifier errors,
      Duration idleTimeout,
      Deadline deadline) {
    this.body = body;
    this.watchdog = watchdog;
    this.errors = errors;
    this.idleTimeout = idleTimeout;
    this.deadline = deadline;
  }

  /**
   * Reads into {@code buffer}; -1 at the end of the body.
   *
   * @throws GatewayException UpstreamTimeout when no byte came in time, UpstreamUnreachable when
   *     the connection broke
   */
  int read(byte[] buffer, String phase) {
    Duration limit = answering ? idleTimeout : deadline.cap(idleTimeout);
    if (limit.isZero()) {
      close();
      throw errors.timeout(phase, Duration.ZERO);
    }
    Watchdog.Armed alarm = watchdog.arm(limit, this::expire);
    try {
      return body.read(buffer);
    } catch (IOException e) {
      close();
      throw timedOut.get() ? errors.timeout(phase, limit) : errors.fromIo(e, phase);
    } finally {
      alarm.disarm();
    }
  }

  /**
   * From now on only silences bound the reads, not the request's deadline: the body is an
   * answer the client is already receiving, and a long one must not be cut off while it flows.
   */
  void answering() {
    answering = true;
  }

  /** The whole body, or its first {@code limitBytes} bytes when it is longer. */
  byte[] readUpTo(int limitBytes, String phase) {
    ByteArrayOutputStream collected = new ByteArrayOutputStream();
    byte[] buffer = new byte[Math.min(limitBytes, 8192)];
    int read;
    while (collected.size() < limitBytes && (read = read(buffer, phase)) >= 0) {
      collected.write(buffer, 0, Math.min(read, limitBytes - collected.size()));
    }
    return collected.toByteArray();
  }

  /** Closes the body; before its end this aborts the upstream response. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      body.close();
    } catch (IOException e) {
      log.debug("closing an upstream body failed: {}", e.toString());
    }
  }

  private void expire() {
    timedOut.set(true);
    close();
  }
}
