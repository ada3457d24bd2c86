package dev.gearbox.gateway;

import dev.gearbox.model.GatewayError;
import dev.gearbox.model.Usage;
import java.time.Duration;

/** Told of every finished upstream call, for metrics; must be quick and never throw. */
public interface CallObserver {
  void served(Decision decision, Usage usage, Duration upstream);

  /**
   * A call that was paid for but whose answer was thrown away (a small-tier answer escalated by
   * the cascade, or a second sample), told beside {@link #served} of the call that answered.
   */
  void discarded(String model, Usage usage, Duration upstream);

  void failed(Decision decision, GatewayError error);
}
