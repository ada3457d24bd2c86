package dev.gearbox.provider;

import dev.gearbox.model.StreamEvent;
import java.util.Optional;

/**
 * A streamed answer, pulled one event at a time by a blocking (virtual) thread. Events follow
 * the order documented on {@link StreamEvent}. Not thread-safe: one reader at a time.
 */
public interface UpstreamStream extends AutoCloseable {

  /**
   * The next event, or empty once the stream has ended after its {@code Completed} event.
   *
   * @throws dev.gearbox.model.GatewayException when the upstream fails, reports an error inside
   *     the stream, goes silent for longer than the attempt timeout or ends early; the stream is
   *     closed by then and every further call throws the same exception
   */
  Optional<StreamEvent> next();

  /** Releases the stream, aborting the upstream response when it has not ended. Idempotent. */
  @Override
  void close();
}
