package dev.gearbox.provider;

/**
 * Lets the JDK HTTP client resend a request that failed on a pooled keep-alive connection the
 * upstream (or a load balancer in front of it) had already dropped: the send fails with a reset
 * or end of stream before a single byte of answer, which the client reports as an expired
 * connection. The client resends such a request once on a new connection, but only for
 * idempotent methods unless {@code jdk.httpclient.enableAllMethodRetry} is set; every upstream
 * call is a POST, and one that got no byte of answer from a connection found dead is safe to
 * send again. The client applies the same single resend to a new connection that fails before
 * any byte of answer (a TLS handshake refused, a server closing at once); the attempt then
 * fails as it would have, one resend later.
 *
 * <p>The client reads the property once, when it first sends, so {@link #resendOnExpired()}
 * runs at the start of {@code main} and again before any upstream client is built. It leaves
 * an explicit setting alone.
 */
public final class StaleConnections {
  static final String PROPERTY = "jdk.httpclient.enableAllMethodRetry";

  private StaleConnections() {}

  public static void resendOnExpired() {
    if (System.getProperty(PROPERTY) == null) {
      System.setProperty(PROPERTY, "true");
    }
  }
}
