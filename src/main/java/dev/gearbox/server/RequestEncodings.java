package dev.gearbox.server;

import dev.gearbox.wire.LazyDecoding;
import io.helidon.http.encoding.ContentDecoder;
import io.helidon.http.encoding.ContentEncoder;
import io.helidon.http.encoding.ContentEncoding;
import io.helidon.http.encoding.ContentEncodingContext;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * The request body encodings the server decodes: gzip and deflate, which SDKs and HTTP clients
 * send when told to compress uploads (long prompts compress about four to one). Decoding is
 * lazy, so the body limit of {@link BoundedBody} counts the decoded bytes and a small body that
 * inflates without end is refused like any other oversized one. Answers are never compressed
 * here: streamed events must reach the client as they are written.
 */
final class RequestEncodings {
  static final Set<String> DECODED = Set.of("gzip", "x-gzip", "deflate");

  private RequestEncodings() {}

  static ContentEncodingContext context() {
    return ContentEncodingContext.builder()
        .contentEncodingsDiscoverServices(false)
        .addContentEncoding(new Decoding("gzip", Set.of("gzip", "x-gzip"), GZIPInputStream::new))
        .addContentEncoding(new Decoding("deflate", Set.of("deflate"), InflaterInputStream::new))
        .build();
  }

  private record Decoding(String name, Set<String> ids, LazyDecoding.Opener opener)
      implements ContentEncoding {
    @Override
    public String type() {
      return name;
    }

    @Override
    public boolean supportsEncoding() {
      return false;
    }

    @Override
    public boolean supportsDecoding() {
      return true;
    }

    @Override
    public ContentDecoder decoder() {
      return in -> new LazyDecoding(in, opener);
    }

    @Override
    public ContentEncoder encoder() {
      return ContentEncoder.NO_OP;
    }
  }
}
