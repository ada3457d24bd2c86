package dev.gearbox.provider;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A response body as a blocking {@link InputStream} that hands over every byte received before
 * a failure, and only then the failure.
 *
 * <p>Why not {@code BodyHandlers.ofInputStream()}: its stream reports a connection error as soon
 * as the error arrives, discarding bytes it had already received but not yet handed over. When an
 * upstream sends its last events and then resets the connection, or a proxy closes it abruptly,
 * those bytes are the end of the answer (or the first content, which decides between retrying
 * and failing the stream); losing them depends on thread timing. Here data and the end or failure
 * of the body travel through one queue, in the order they happened.
 *
 * <p>Demand is one buffer list at a time, so a slow reader holds back the upstream instead of
 * filling memory. Reads are from one thread; {@link #close()} may come from any.
 */
final class OrderedBodyStream extends InputStream
    implements HttpResponse.BodySubscriber<InputStream> {

  private sealed interface Item {
    record Data(List<ByteBuffer> buffers) implements Item {}

    record End() implements Item {}

    record Failure(Throwable cause) implements Item {}

    record Closed() implements Item {}
  }

  private final BlockingQueue<Item> items = new LinkedBlockingQueue<>();
  private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
  private final CompletableFuture<InputStream> body = CompletableFuture.completedFuture(this);
  private volatile boolean closed;
  private Iterator<ByteBuffer> pending = Collections.emptyIterator();
  private ByteBuffer current = ByteBuffer.allocate(0);
  private Item terminal = new Item.Data(List.of());

  @Override
  public CompletionStage<InputStream> getBody() {
    return body;
  }

  @Override
  public void onSubscribe(Flow.Subscription given) {
    if (closed || !subscription.compareAndSet(null, given)) {
      given.cancel();
      return;
    }
    given.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    items.add(new Item.Data(buffers));
  }

  @Override
  public void onError(Throwable cause) {
    items.add(new Item.Failure(cause));
  }

  @Override
  public void onComplete() {
    items.add(new Item.End());
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] into, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int count = Math.min(length, current.remaining());
    current.get(into, offset, count);
    return count;
  }

  /** Aborts the body: the upstream exchange is cancelled and a blocked read fails. */
  @Override
  public void close() {
    closed = true;
    Flow.Subscription given = subscription.getAndSet(null);
    if (given != null) {
      given.cancel();
    }
    items.add(new Item.Closed());
  }

  /** Makes {@code current} hold unread bytes; false at the end of the body. */
  private boolean fill() throws IOException {
    while (!current.hasRemaining()) {
      if (closed) {
        throw new IOException("the response body was closed");
      }
      if (pending.hasNext()) {
        current = pending.next();
        continue;
      }
      if (!advance(terminal)) {
        return false;
      }
    }
    return true;
  }

  /** Takes the next item when {@code last} was data; false once the body has ended. */
  private boolean advance(Item last) throws IOException {
    switch (last) {
      case Item.Data ignored -> {
        Item next = take();
        terminal = next;
        if (next instanceof Item.Data(List<ByteBuffer> buffers)) {
          pending = buffers.iterator();
          requestMore();
        }
        return true;
      }
      case Item.End ignored -> {
        return false;
      }
      case Item.Failure(Throwable cause) -> throw new IOException(cause.getMessage(), cause);
      case Item.Closed ignored -> throw new IOException("the response body was closed");
    }
  }

  private Item take() throws IOException {
    try {
      return items.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the response body");
    }
  }

  private void requestMore() {
    Flow.Subscription given = subscription.get();
    if (given != null) {
      given.request(1);
    }
  }
}
