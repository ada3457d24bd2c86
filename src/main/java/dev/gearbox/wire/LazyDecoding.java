package dev.gearbox.wire;

import java.io.IOException;
import java.io.InputStream;

/**
 * A decompressing stream that opens on its first read. A GZIP stream reads its header when it
 * is constructed; opened lazily, a malformed header or a slow sender fails as a read of the
 * body, where the reader's limits and error reporting apply, not where the stream is set up.
 */
public final class LazyDecoding extends InputStream {
  /** Wraps a raw stream in a decoding one, such as {@code GZIPInputStream::new}. */
  @FunctionalInterface
  public interface Opener {
    InputStream open(InputStream raw) throws IOException;
  }

  private final InputStream raw;
  private final Opener opener;
  private InputStream open;

  public LazyDecoding(InputStream raw, Opener opener) {
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
