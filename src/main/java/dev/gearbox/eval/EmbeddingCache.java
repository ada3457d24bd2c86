package dev.gearbox.eval;

import dev.gearbox.embed.Embedder;
import dev.gearbox.route.PromptVector;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embeds the prompts of a data set, keeping the vectors on disk between runs: MMLU-Pro's 12k
 * prompts take about a minute to embed on two cores and a few milliseconds to read back. The
 * file name carries the model's name and a digest of every prompt, so a changed set or model
 * never reads stale vectors. Without a directory nothing is stored.
 */
public final class EmbeddingCache {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddingCache.class);

  private final Embedder embedder;
  private final Optional<Path> directory;

  public EmbeddingCache(Embedder embedder, Optional<Path> directory) {
    this.embedder = embedder;
    this.directory = directory;
  }

  public Embedder embedder() {
    return embedder;
  }

  /** The prompt vectors of {@code texts}, in order (see {@link PromptVector}). */
  public float[][] vectors(String setName, List<String> texts) {
    Optional<Path> file = directory.map(d -> d.resolve(fileName(setName, texts)));
    if (file.isPresent() && Files.isRegularFile(file.get())) {
      return read(file.get(), texts.size());
    }
    float[][] vectors = new float[texts.size()][];
    for (int i = 0; i < texts.size(); i++) {
      vectors[i] = PromptVector.of(embedder, texts.get(i));
    }
    file.ifPresent(f -> write(f, vectors));
    return vectors;
  }

  private String fileName(String setName, List<String> texts) {
    String safeName = setName.replaceAll("[^A-Za-z0-9._-]", "_");
    return safeName + "-" + embedder.modelName() + "-" + digest(texts) + ".vec";
  }

  private static String digest(List<String> texts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String text : texts) {
        sha.update(text.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static float[][] read(Path file, int count) {
    try (DataInputStream in = new DataInputStream(
        new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      int rows = in.readInt();
      int dims = in.readInt();
      if (rows != count) {
        throw new IOException("expected " + count + " vectors, the file has " + rows);
      }
      float[][] vectors = new float[rows][dims];
      for (float[] v : vectors) {
        for (int j = 0; j < dims; j++) {
          v[j] = in.readFloat();
        }
      }
      return vectors;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read cached embeddings " + file
          + "; delete the file to recompute them", e);
    }
  }

  private static void write(Path file, float[][] vectors) {
    try {
      Files.createDirectories(file.getParent());
      Path partial = file.resolveSibling(file.getFileName() + ".partial");
      try (DataOutputStream out = new DataOutputStream(
          new java.io.BufferedOutputStream(Files.newOutputStream(partial), 1 << 16))) {
        out.writeInt(vectors.length);
        out.writeInt(vectors.length == 0 ? 0 : vectors[0].length);
        for (float[] v : vectors) {
          for (float x : v) {
            out.writeFloat(x);
          }
        }
      }
      Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warn("could not keep embeddings in {} ({}); they will be computed again next run",
          file, e.getMessage());
    }
  }
}
