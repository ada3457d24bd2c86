package dev.gearbox.provider;

import dev.gearbox.model.GatewayError;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One try of one model, as the request's decision record shows it: which model and provider,
 * how it ended, how long it took and the upstream's HTTP status when one was received. A model
 * the request could not be sent to appears with {@link Outcome#INCOMPATIBLE} and no duration.
 */
public record Attempt(
    String modelAlias,
    String providerName,
    Outcome outcome,
    Duration duration,
    OptionalInt httpStatus,
    Optional<GatewayError> error) {

  public Attempt {
    Objects.requireNonNull(modelAlias, "modelAlias");
    Objects.requireNonNull(providerName, "providerName");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(httpStatus, "httpStatus");
    Objects.requireNonNull(error, "error");
    if ((outcome == Outcome.SUCCEEDED) != error.isEmpty()) {
      throw new IllegalArgumentException("an attempt has an error exactly when it failed");
    }
  }

  static Attempt succeeded(ModelSpec model, Duration duration, int httpStatus) {
    return new Attempt(
        model.alias(),
        model.providerName(),
        Outcome.SUCCEEDED,
        duration,
        OptionalInt.of(httpStatus),
        Optional.empty());
  }

  static Attempt failed(
      ModelSpec model, Duration duration, GatewayError error, OptionalInt httpStatus) {
    return new Attempt(
        model.alias(),
        model.providerName(),
        Outcome.of(error),
        duration,
        httpStatus,
        Optional.of(error));
  }

  /** A model passed over because it is cooling down after failures in a row. */
  static Attempt cooledDown(ModelSpec model, GatewayError reason) {
    return new Attempt(
        model.alias(),
        model.providerName(),
        Outcome.COOLING_DOWN,
        Duration.ZERO,
        OptionalInt.empty(),
        Optional.of(reason));
  }

  public boolean succeeded() {
    return outcome == Outcome.SUCCEEDED;
  }

  /** How an attempt ended; the names are what dashboards and the ledger show. */
  public enum Outcome {
    SUCCEEDED,
    /** The upstream answered 429. */
    RATE_LIMITED,
    /** The upstream answered 5xx, 529 or something unreadable. */
    UPSTREAM_ERROR,
    TIMED_OUT,
    /** No connection, or the connection broke. */
    UNREACHABLE,
    CONTEXT_LENGTH_EXCEEDED,
    /**
     * The upstream refused the gateway itself: its key, its credit or quota, or a model it does
     * not serve.
     */
    UNUSABLE,
    /** The upstream refused the request as invalid (a 4xx other than 429). */
    REJECTED,
    /** The request asks for something this model cannot honour; it was not sent. */
    INCOMPATIBLE,
    /** The request's data label forbids this model's provider; it was not sent. */
    WITHHELD,
    /** The gateway itself failed (a bug, an interrupted wait). */
    GATEWAY_ERROR,
    /**
     * Not sent: the model failed several times in a row just before, and a later model was
     * there to take the request ({@link Cooldowns}).
     */
    COOLING_DOWN;

    /** What an attempt that ended so says about its upstream's health. */
    public enum Health {
      /** The upstream answered: a refusal of the request is an answer too. */
      ANSWERED,
      /** The upstream failed to answer. */
      FAILED,
      /** Nothing reached the upstream, or the fault was the gateway's. */
      SILENT
    }

    /** What this outcome says about the upstream; the health board and cooldowns read it. */
    public Health health() {
      return switch (this) {
        case SUCCEEDED, REJECTED, CONTEXT_LENGTH_EXCEEDED -> Health.ANSWERED;
        case RATE_LIMITED, UPSTREAM_ERROR, TIMED_OUT, UNREACHABLE, UNUSABLE -> Health.FAILED;
        case INCOMPATIBLE, WITHHELD, GATEWAY_ERROR, COOLING_DOWN -> Health.SILENT;
      };
    }

    static Outcome of(GatewayError error) {
      return switch (error) {
        case GatewayError.UpstreamFailed failed ->
            failed.upstreamStatus() == 429 ? RATE_LIMITED : UPSTREAM_ERROR;
        case GatewayError.UpstreamTimeout ignored -> TIMED_OUT;
        case GatewayError.UpstreamUnreachable ignored -> UNREACHABLE;
        case GatewayError.ContextLengthExceeded ignored -> CONTEXT_LENGTH_EXCEEDED;
        case GatewayError.UpstreamUnusable ignored -> UNUSABLE;
        case GatewayError.UpstreamRejected ignored -> REJECTED;
        case GatewayError.InvalidRequest ignored -> INCOMPATIBLE;
        case GatewayError.Unauthorized ignored -> GATEWAY_ERROR;
        case GatewayError.Forbidden ignored -> WITHHELD;
        case GatewayError.ModelNotFound ignored -> GATEWAY_ERROR;
        case GatewayError.NotFound ignored -> GATEWAY_ERROR;
        case GatewayError.MethodNotAllowed ignored -> GATEWAY_ERROR;
        case GatewayError.PayloadTooLarge ignored -> GATEWAY_ERROR;
        case GatewayError.RateLimited ignored -> GATEWAY_ERROR;
        case GatewayError.BudgetExceeded ignored -> GATEWAY_ERROR;
        case GatewayError.Internal ignored -> GATEWAY_ERROR;
      };
    }
  }
}
