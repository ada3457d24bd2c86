package dev.gearbox.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.audit.AuditReader;
import dev.gearbox.audit.ReadableRecord;
import dev.gearbox.audit.StoredRecord;
import dev.gearbox.model.GatewayError;
import dev.gearbox.model.GatewayException;
import dev.gearbox.wire.Json;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code GET /calls/{request-id}}: what one call cost, saved and where it went, as the audit log
 * recorded it (money as plain decimal strings, {@link ReadableRecord}), for the id the gateway
 * returned in {@code x-gearbox-request-id}. It is how a client learns the cost of a streamed
 * answer, whose headers were sent before the cost was known. The record is stored before the
 * client is told the answer is whole, so it can be read as soon as the answer has been. A key
 * reads its own calls; an admin key reads any.
 */
final class CallEndpoint {
  private final Authenticator authenticator;
  private final AuditReader audit;

  CallEndpoint(Authenticator authenticator, AuditReader audit) {
    this.authenticator = authenticator;
    this.audit = audit;
  }

  void register(ServedPaths routing) {
    routing.get("/calls/{id}", this::call);
  }

  private void call(ServerRequest req, ServerResponse res) {
    try {
      Authenticator.Caller caller = authenticator.authenticate(
          req.headers().first(HeaderNames.AUTHORIZATION),
          req.headers().first(GearboxHeaders.X_API_KEY),
          req.remotePeer().address());
      String id = req.path().pathParameters().get("id");
      List<JsonNode> records = audit.byRequestId(id).stream().map(CallEndpoint::body)
          .filter(body -> authenticator.mayRead(caller, body.path("key_id").asText()))
          .toList();
      if (records.isEmpty()) {
        throw new GatewayError.NotFound("no call of yours is recorded with this request id;"
            + " it is the x-gearbox-request-id header of an answer").toException();
      }
      ObjectNode answer = Json.MAPPER.createObjectNode().put("request_id", id);
      answer.set("call", records.getFirst());
      ArrayNode all = answer.putArray("records");
      records.forEach(all::add);
      res.header(HeaderNames.CONTENT_TYPE, "application/json");
      res.send(ClientApi.bytes(answer));
    } catch (GatewayException e) {
      res.status(e.error().httpStatus());
      res.header(HeaderNames.CONTENT_TYPE, "application/json");
      res.send(ClientApi.OPENAI.encodeError(e.error()));
    }
  }

  private static JsonNode body(StoredRecord record) {
    try {
      return ReadableRecord.of(Json.MAPPER.readTree(record.body()));
    } catch (IOException e) {
      throw new UncheckedIOException("an audit record is not JSON", e);
    }
  }
}
