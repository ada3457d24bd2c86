package dev.gearbox.eval;

import dev.gearbox.embed.Embedder;
import dev.gearbox.route.PromptVector;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prompt vectors kept on disk between runs, addressed by the prompt's content: MMLU-Pro's 12k
 * prompts take minutes to embed on two busy cores and milliseconds to read back, and a set
 * that is sampled or combined with others reuses the vectors of the same prompts. One file per
 * embedding model ({@code <model>.vectors}), appended to: records of a 16-byte SHA-256 prefix of
 * the text and the vector. Without a directory nothing is stored. Not for concurrent writers.
 */
public final class EmbeddingCache {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddingCache.class);
  private static final int KEY_BYTES = 16;

  private final Embedder embedder;
  private final Optional<Path> file;
  private Map<String, float[]> known;

  public EmbeddingCache(Embedder embedder, Optional<Path> directory) {
    this.embedder = embedder;
    this.file = directory.map(d -> d.resolve(embedder.modelName() + ".vectors"));
  }

  public Embedder embedder() {
    return embedder;
  }

  /** The prompt vectors of {@code texts}, in order (see {@link PromptVector}). */
  public synchronized float[][] vectors(List<String> texts) {
    if (known == null) {
      known = file.filter(Files::isRegularFile).map(this::read).orElseGet(HashMap::new);
    }
    float[][] vectors = new float[texts.size()][];
    Map<String, float[]> added = new HashMap<>();
    for (int i = 0; i < texts.size(); i++) {
      String key = key(texts.get(i));
      float[] v = known.get(key);
      if (v == null) {
        v = PromptVector.of(embedder, texts.get(i));
        known.put(key, v);
        added.put(key, v);
      }
      vectors[i] = v;
    }
    if (!added.isEmpty()) {
      file.ifPresent(f -> append(f, added));
    }
    return vectors;
  }

  private static String key(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest, 0, KEY_BYTES);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private Map<String, float[]> read(Path path) {
    Map<String, float[]> vectors = new HashMap<>();
    int dims = embedder.dimensions();
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(path), 1 << 16))) {
      byte[] key = new byte[KEY_BYTES];
      while (true) {
        try {
          in.readFully(key);
        } catch (EOFException end) {
          return vectors;
        }
        float[] v = new float[dims];
        for (int j = 0; j < dims; j++) {
          v[j] = in.readFloat();
        }
        vectors.put(java.util.HexFormat.of().formatHex(key), v);
      }
    } catch (IOException e) {
      LOG.warn("cannot read cached embeddings {} ({}); computing them again", path,
          e.getMessage());
      return new HashMap<>();
    }
  }

  private static void append(Path path, Map<String, float[]> vectors) {
    try {
      Files.createDirectories(path.getParent());
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
          Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
          1 << 16))) {
        for (var entry : vectors.entrySet()) {
          out.write(java.util.HexFormat.of().parseHex(entry.getKey()));
          for (float x : entry.getValue()) {
            out.writeFloat(x);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep embeddings in " + path, e);
    }
  }
}
