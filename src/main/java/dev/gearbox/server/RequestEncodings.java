package dev.gearbox.server;

import io.helidon.http.encoding.ContentDecoder;
import io.helidon.http.encoding.ContentEncoder;
import io.helidon.http.encoding.ContentEncoding;
import io.helidon.http.encoding.ContentEncodingContext;
import java.io.IOException;
import java.io.InputStream;
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

  private interface Opener {
    InputStream open(InputStream in) throws IOException;
  }

  private record Decoding(String name, Set<String> ids, Opener opener)
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
      return in -> new LazyStream(in, opener);
    }

    @Override
    public ContentEncoder encoder() {
      return ContentEncoder.NO_OP;
    }
  }

  /**
   * Opens the decoding stream on first read: a GZIP stream reads the header when constructed,
   * and a malformed header must fail as a read of the body, where the endpoint reports it.
   */
  private static final class LazyStream extends InputStream {
    private final InputStream raw;
    private final Opener opener;
    private InputStream open;

    LazyStream(InputStream raw, Opener opener) {
      this.raw = raw;
      this.opener = opener;
    }

    private InputStream stream() throws IOException {
      if (open == null) {
        open = opener.open(raw);
      }
      return open;
    }

    @Override
    public int read() throws IOException {
      return stream().read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return stream().read(b, off, len);
    }

    @Override
    public void close() throws IOException {
      (open == null ? raw : open).close();
    }
  }
}
