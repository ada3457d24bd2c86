package dev.gearbox.server;

import dev.gearbox.audit.AuditReader;
import dev.gearbox.audit.SessionRendering;
import dev.gearbox.audit.SessionReport;
import dev.gearbox.cost.UsageReport;
import dev.gearbox.cost.UsageWindow;
import dev.gearbox.model.ClientText;
import dev.gearbox.model.GatewayError;
import dev.gearbox.model.GatewayException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.util.Optional;

/**
 * The operator's endpoints under {@code /admin}: spend and savings from the ledger, and agent
 * sessions from the audit log. They need an admin key; with no keys configured they are open to
 * loopback callers only, like the rest.
 */
final class AdminEndpoints {
  private final Authenticator authenticator;
  private final UsageReport usage;
  private final AuditReader audit;

  AdminEndpoints(Authenticator authenticator, UsageReport usage, AuditReader audit) {
    this.authenticator = authenticator;
    this.usage = usage;
    this.audit = audit;
  }

  void register(ServedPaths routing) {
    routing.get("/admin/usage", this::usage);
    routing.get("/admin/sessions/{id}", this::session);
  }

  /** {@code GET /admin/sessions/{id}}: the session's call tree, totals and prompt growth. */
  private void session(ServerRequest req, ServerResponse res) {
    try {
      authenticator.authenticateAdmin(
          req.headers().first(HeaderNames.AUTHORIZATION),
          req.headers().first(GearboxHeaders.X_API_KEY),
          req.remotePeer().address());
      String id = req.path().pathParameters().get("id");
      SessionReport report = SessionReport.of(id, audit.session(id)).orElseThrow(() ->
          new GatewayError.NotFound("no calls are recorded for session " + ClientText.quote(id)
              + "; calls join a session with the x-gearbox-session header").toException());
      res.header(HeaderNames.CONTENT_TYPE, "application/json");
      res.send(ClientApi.bytes(SessionRendering.json(report)));
    } catch (GatewayException e) {
      res.status(e.error().httpStatus());
      res.header(HeaderNames.CONTENT_TYPE, "application/json");
      res.send(ClientApi.OPENAI.encodeError(e.error()));
    }
  }

  /** {@code GET /admin/usage[?since=ISO-instant][&until=ISO-instant]}. */
  private void usage(ServerRequest req, ServerResponse res) {
    try {
      authenticator.authenticateAdmin(
          req.headers().first(HeaderNames.AUTHORIZATION),
          req.headers().first(GearboxHeaders.X_API_KEY),
          req.remotePeer().address());
      UsageWindow window = window(instant(req, "since"), instant(req, "until"));
      res.header(HeaderNames.CONTENT_TYPE, "application/json");
      res.send(ClientApi.bytes(usage.adminJson(window)));
    } catch (GatewayException e) {
      res.status(e.error().httpStatus());
      res.header(HeaderNames.CONTENT_TYPE, "application/json");
      res.send(ClientApi.OPENAI.encodeError(e.error()));
    }
  }

  private static UsageWindow window(Optional<Instant> since, Optional<Instant> until) {
    try {
      return new UsageWindow(since, until);
    } catch (IllegalArgumentException e) {
      throw GatewayError.InvalidRequest.forParam("until", "'since' must come before 'until'")
          .toException();
    }
  }

  private static Optional<Instant> instant(ServerRequest req, String name) {
    Optional<String> raw = req.query().first(name).asOptional();
    try {
      return raw.map(UsageWindow::bound);
    } catch (IllegalArgumentException e) {
      throw GatewayError.InvalidRequest.forParam(name, "'" + name + "' must be a date such as"
          + " 2026-12-01 or an ISO-8601 instant such as 2026-12-01T00:00:00Z").toException();
    }
  }
}
