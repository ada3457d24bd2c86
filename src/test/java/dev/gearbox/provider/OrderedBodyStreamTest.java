package dev.gearbox.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The body stream under the exact orderings the HTTP client can produce. */
class OrderedBodyStreamTest {
  private final AtomicLong requested = new AtomicLong();
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final OrderedBodyStream body = new OrderedBodyStream();

  private void subscribe() {
    body.onSubscribe(
        new Flow.Subscription() {
          @Override
          public void request(long n) {
            requested.addAndGet(n);
          }

          @Override
          public void cancel() {
            cancelled.set(true);
          }
        });
  }

  private static List<ByteBuffer> bytes(String text) {
    return List.of(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void bytesReceivedBeforeAReset_areReadBeforeTheError() throws IOException {
    subscribe();
    body.onNext(bytes("data: last event\n\n"));
    body.onNext(bytes("data: [DONE]\n\n"));
    body.onError(new SocketException("Connection reset"));

    assertThat(new String(body.readNBytes(32), StandardCharsets.UTF_8))
        .isEqualTo("data: last event\n\ndata: [DONE]\n\n");
    assertThatThrownBy(body::read)
        .isInstanceOf(IOException.class)
        .hasCauseInstanceOf(SocketException.class);
  }

  @Test
  void completedBody_endsWithMinusOne() throws IOException {
    subscribe();
    body.onNext(bytes("ok"));
    body.onComplete();

    assertThat(body.readAllBytes()).isEqualTo("ok".getBytes(StandardCharsets.UTF_8));
    assertThat(body.read()).isEqualTo(-1);
  }

  @Test
  void demand_isOneBufferListAtATime() throws IOException {
    subscribe();
    assertThat(requested).hasValue(1);

    body.onNext(bytes("ab"));
    assertThat(body.read()).isEqualTo('a');
    assertThat(requested).hasValue(2);
  }

  @Test
  void close_unblocksAWaitingReaderAndCancelsTheExchange() throws Exception {
    subscribe();
    CompletableFuture<Throwable> reader =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                body.read();
                return new AssertionError("read returned without data");
              } catch (IOException expected) {
                return expected;
              }
            });

    Thread.sleep(50);
    body.close();

    assertThat(reader.get(2, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
    assertThat(cancelled).isTrue();
  }
}
