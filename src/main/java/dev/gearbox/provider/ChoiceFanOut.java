package dev.gearbox.provider;

import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.ChatResponse;
import dev.gearbox.model.Choice;
import dev.gearbox.model.GatewayError;
import dev.gearbox.model.GatewayException;
import dev.gearbox.model.Sampling;
import dev.gearbox.model.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * Serves {@code n > 1} on an upstream that returns one choice per call: n calls with
 * {@code n = 1} in parallel, their choices renumbered in call order and their usage summed (each
 * call was billed for the whole prompt). With a fixed seed, call {@code i} gets {@code seed + i}:
 * n calls with one seed would return n copies of one answer, which is not what n asks for.
 * The fan-out is one attempt: if any call fails, the attempt fails with the first failure.
 */
final class ChoiceFanOut {
  private final Executor executor;

  ChoiceFanOut(Executor executor) {
    this.executor = executor;
  }

  /** Runs {@code call} once per choice of {@code request}, in parallel, and merges the answers. */
  ChatResponse complete(ChatRequest request, Function<ChatRequest, ChatResponse> call) {
    int n = request.sampling().n();
    List<CompletableFuture<ChatResponse>> calls = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ChatRequest single = request.withSampling(single(request.sampling(), i));
      calls.add(
          CompletableFuture.supplyAsync(withCallerContext(() -> call.apply(single)), executor));
    }
    return merge(calls.stream().map(ChoiceFanOut::join).toList());
  }

  private static Sampling single(Sampling sampling, int index) {
    Sampling one = sampling.withN(1);
    if (sampling.seed().isEmpty()) {
      return one;
    }
    return new Sampling(
        one.maxTokens(),
        one.temperature(),
        one.topP(),
        OptionalLong.of(sampling.seed().getAsLong() + index),
        1,
        one.stop(),
        one.user(),
        one.reasoning());
  }

  private static ChatResponse join(CompletableFuture<ChatResponse> call) {
    try {
      return call.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof GatewayException gateway) {
        throw gateway;
      }
      throw new GatewayException(
          new GatewayError.Internal("a parallel upstream call failed unexpectedly"), e.getCause());
    }
  }

  private static ChatResponse merge(List<ChatResponse> responses) {
    List<Choice> choices = new ArrayList<>();
    Usage usage = responses.getFirst().usage();
    for (ChatResponse response : responses) {
      for (Choice choice : response.choices()) {
        choices.add(new Choice(choices.size(), choice.message(), choice.finishReason(),
            choice.stopSequence()));
      }
    }
    for (ChatResponse response : responses.subList(1, responses.size())) {
      usage = UsageCount.sum(usage, response.usage());
    }
    ChatResponse first = responses.getFirst();
    return new ChatResponse(first.id(), first.model(), first.createdEpochSeconds(), choices, usage);
  }

  /** Carries the request id (and the rest of the logging context) into the parallel calls. */
  private static <T> Supplier<T> withCallerContext(Supplier<T> task) {
    Map<String, String> context = MDC.getCopyOfContextMap();
    return () -> {
      if (context != null) {
        MDC.setContextMap(context);
      }
      try {
        return task.get();
      } finally {
        MDC.clear();
      }
    };
  }
}
