package dev.gearbox.provider;

import dev.gearbox.model.GatewayError;

/**
 * What a failed attempt allows: another try on the same model, a move to the next model, or
 * neither. Upstream trouble (429, 5xx, timeouts, broken connections) may pass, so it is retried
 * and then falls back; a prompt too long for the model will not fit on a retry, but may fit a
 * larger window; an upstream that refuses the gateway itself (its key, credit or quota, a model
 * it does not serve) will refuse it again, but another may not; anything the upstream refused as
 * invalid would be refused by the next one too, so it goes back to the client as it is.
 */
enum Recovery {
  RETRY,
  FALL_BACK,
  STOP;

  static Recovery of(GatewayError error) {
    return switch (error) {
      case GatewayError.UpstreamFailed ignored -> RETRY;
      case GatewayError.UpstreamTimeout ignored -> RETRY;
      case GatewayError.UpstreamUnreachable ignored -> RETRY;
      case GatewayError.ContextLengthExceeded ignored -> FALL_BACK;
      case GatewayError.UpstreamUnusable ignored -> FALL_BACK;
      case GatewayError.UpstreamRejected ignored -> STOP;
      case GatewayError.InvalidRequest ignored -> STOP;
      case GatewayError.Unauthorized ignored -> STOP;
      case GatewayError.Forbidden ignored -> STOP;
      case GatewayError.ModelNotFound ignored -> STOP;
      case GatewayError.NotFound ignored -> STOP;
      case GatewayError.MethodNotAllowed ignored -> STOP;
      case GatewayError.PayloadTooLarge ignored -> STOP;
      case GatewayError.RateLimited ignored -> STOP;
      case GatewayError.BudgetExceeded ignored -> STOP;
      case GatewayError.Internal ignored -> STOP;
    };
  }
}
