package dev.gearbox.provider;

import dev.gearbox.model.GatewayException;
import dev.gearbox.wire.LazyDecoding;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Undoes the {@code Content-Encoding} of an upstream body. The gateway asks for none, but some
 * servers and the proxies in front of them compress anyway (or the operator's extra headers ask
 * for it), and the JDK client hands bodies over as sent. gzip and deflate (zlib) are decoded;
 * any other encoding is a clear upstream failure rather than a JSON parse error on binary.
 *
 * <p>A gzip stream is opened on its first read, not here: opening reads the gzip header, and a
 * read must happen under {@link BodyReader}'s time limit.
 */
final class ContentEncoding {
  private ContentEncoding() {}

  /**
   * {@code body} decoded as its headers say.
   *
   * @throws GatewayException UpstreamFailed for an encoding the gateway cannot read
   */
  static InputStream decoding(HttpHeaders headers, InputStream body, ErrorClassifier errors) {
    InputStream decoded = body;
    for (String coding : codings(headers).reversed()) {
      decoded =
          switch (coding) {
            case "gzip", "x-gzip" -> new LazyDecoding(decoded, GZIPInputStream::new);
            case "deflate" -> new InflaterInputStream(decoded);
            case "identity" -> decoded;
            default -> {
              close(body);
              throw errors.unreadableEncoding(coding);
            }
          };
    }
    return decoded;
  }

  /**
   * A whole body decoded as its headers say.
   *
   * @throws GatewayException UpstreamFailed for an encoding the gateway cannot read or a body
   *     that does not decode
   */
  static byte[] decoded(HttpHeaders headers, byte[] body, ErrorClassifier errors) {
    if (codings(headers).isEmpty()) {
      return body;
    }
    try (InputStream in = decoding(headers, new ByteArrayInputStream(body), errors)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw errors.undecodable(e);
    }
  }

  /** The codings applied, in the order they were applied; identity left out. */
  private static List<String> codings(HttpHeaders headers) {
    List<String> codings = new ArrayList<>();
    for (String value : headers.allValues("content-encoding")) {
      for (String coding : value.split(",")) {
        String name = coding.strip().toLowerCase(Locale.ROOT);
        if (!name.isEmpty() && !name.equals("identity")) {
          codings.add(name);
        }
      }
    }
    return codings;
  }

  private static void close(InputStream body) {
    try {
      body.close();
    } catch (IOException e) {
      // the body is abandoned either way
    }
  }
}
