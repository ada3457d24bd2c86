package dev.gearbox.embed;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The bundled all-MiniLM-L6-v2 (quantized) model and tokenizer, run in an ONNX Runtime session
 * of one thread that never spin-waits. Why: the default session uses a thread pool as wide as
 * the machine whose idle threads spin; one request's short prompt gains nothing from it, and
 * when cores are shared (concurrent requests, other processes) the spinning threads take the
 * CPU from the work. Measured with the routing benchmark on this two-core machine under other
 * builds' load: see README, "Routing". The model and its vectors are the same as langchain4j's
 * own packaging of it (mean pooling).
 */
final class SingleThreadedMiniLm extends AbstractInProcessEmbeddingModel {
  private static final String MODEL = "/all-minilm-l6-v2-q.onnx";
  private static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";

  private final OnnxBertBiEncoder encoder;

  SingleThreadedMiniLm() {
    super(Runnable::run);
    try (InputStream model = resource(MODEL); InputStream tokenizer = resource(TOKENIZER)) {
      OrtEnvironment environment = OrtEnvironment.getEnvironment();
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      OrtSession session = environment.createSession(model.readAllBytes(), options);
      encoder = new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled embedding model", e);
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime cannot load the bundled embedding model", e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = SingleThreadedMiniLm.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("the bundled embedding model " + name + " is missing");
    }
    return in;
  }

  @Override
  protected OnnxBertBiEncoder model() {
    return encoder;
  }
}
