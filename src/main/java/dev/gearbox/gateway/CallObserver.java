package dev.gearbox.gateway;

import dev.gearbox.model.GatewayError;
import dev.gearbox.model.Usage;
import java.time.Duration;

/** Told of every finished upstream call, for metrics; must be quick and never throw. */
public interface CallObserver {
  void served(Decision decision, Usage usage, Duration upstream);

  void failed(Decision decision, GatewayError error);
}
