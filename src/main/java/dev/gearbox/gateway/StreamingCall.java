package dev.gearbox.gateway;

import dev.gearbox.model.StreamEvent;
import java.util.Optional;

/**
 * A streamed call whose upstream has been chosen and has begun answering. The caller pulls
 * events until empty; an exception from {@link #next()} after content has been delivered means
 * the upstream failed mid-answer and the client must be told so. {@link #close()} always records
 * the call (ledger, metrics), also when the client went away early.
 */
public interface StreamingCall extends AutoCloseable {

  Decision decision();

  /** The next event, or empty after {@code Completed}. Blocks on the upstream. */
  Optional<StreamEvent> next();

  /** Marks that the client disconnected, so the call is recorded as such. */
  void clientGone();

  @Override
  void close();
}
