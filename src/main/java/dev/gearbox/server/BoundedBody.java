package dev.gearbox.server;

import dev.gearbox.model.GatewayError;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads a request body up to a limit. A declared Content-Length over the limit is refused before
 * reading; a chunked body is refused as soon as it passes the limit, so an oversized upload never
 * sits in memory whole.
 */
final class BoundedBody {
  private BoundedBody() {}

  /** The body of a request; a body that cannot be read or decoded whole is a 400. */
  static byte[] read(ServerRequest req, long maxBytes) {
    try {
      Optional<Long> length = req.headers().contentLength().isPresent()
          ? Optional.of(req.headers().contentLength().getAsLong())
          : Optional.empty();
      return read(req.content().inputStream(), length, maxBytes);
    } catch (IOException e) {
      Optional<String> encoding = req.headers().first(HeaderNames.CONTENT_ENCODING);
      throw GatewayError.InvalidRequest.of(encoding
              .map(c -> "the request body could not be decoded as its Content-Encoding ("
                  + c.strip() + ") says")
              .orElse("the request body could not be read completely"))
          .toException();
    }
  }

  static byte[] read(InputStream in, Optional<Long> declaredLength, long maxBytes)
      throws IOException {
    if (declaredLength.isPresent() && declaredLength.get() > maxBytes) {
      throw tooLarge(maxBytes);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(
        (int) Math.min(declaredLength.orElse(8192L), maxBytes));
    byte[] buffer = new byte[16384];
    long total = 0;
    int read;
    while ((read = in.read(buffer)) != -1) {
      total += read;
      if (total > maxBytes) {
        throw tooLarge(maxBytes);
      }
      out.write(buffer, 0, read);
    }
    return out.toByteArray();
  }

  private static RuntimeException tooLarge(long maxBytes) {
    return new GatewayError.PayloadTooLarge(
            "request body is larger than this gateway's limit of %d bytes (%s)"
                .formatted(maxBytes, humanBytes(maxBytes)))
        .toException();
  }

  private static String humanBytes(long bytes) {
    return bytes >= 1024 * 1024 ? (bytes / (1024 * 1024)) + " MB" : (bytes / 1024) + " KB";
  }
}
