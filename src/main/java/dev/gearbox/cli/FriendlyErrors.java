package dev.gearbox.cli;

import dev.gearbox.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Prints what went wrong in one readable paragraph instead of a stack trace: a user who wrote a
 * bad config file wants the key and the line, not the call stack. Unexpected failures still show
 * the exception's type so a bug report has something to go on.
 */
final class FriendlyErrors implements IExecutionExceptionHandler {
  static final int CONFIG_ERROR = 2;
  static final int FAILURE = 1;

  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
    if (e instanceof ConfigException config) {
      cli.getErr().println("gearbox: " + config.getMessage());
      return CONFIG_ERROR;
    }
    if (e instanceof UserError user) {
      cli.getErr().println("gearbox: " + user.getMessage());
      return FAILURE;
    }
    cli.getErr().println("gearbox: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    return FAILURE;
  }

  /** A failure the user can fix, with the fix in the message (port in use, missing file). */
  static final class UserError extends RuntimeException {
    UserError(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
