package dev.gearbox.cache;

import dev.gearbox.store.Database;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cache entries in the {@code cache_entry} table of the gateway's database (SQLite or
 * PostgreSQL; migration V4). Reads run on the caller's thread; writes run in order on the given
 * single-threaded executor so the request that produced an answer never waits for the disk.
 */
public final class SqlCacheStore implements CacheStore {
  private static final Logger LOG = LoggerFactory.getLogger(SqlCacheStore.class);
  private static final String COLUMNS = "cache_key, tenant, data_label, scope_key, prompt_text,"
      + " embedding, embedding_model, answer_json, served_model, tier, created_at_ms,"
      + " expires_at_ms";
  private static final String UPSERT = "INSERT INTO cache_entry (" + COLUMNS + ")"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (cache_key) DO UPDATE SET"
      + " tenant = excluded.tenant, data_label = excluded.data_label,"
      + " scope_key = excluded.scope_key, prompt_text = excluded.prompt_text,"
      + " embedding = excluded.embedding, embedding_model = excluded.embedding_model,"
      + " answer_json = excluded.answer_json, served_model = excluded.served_model,"
      + " tier = excluded.tier, created_at_ms = excluded.created_at_ms,"
      + " expires_at_ms = excluded.expires_at_ms";

  private final Database database;
  private final ExecutorService writer;

  /**
   * @param writer a single-threaded executor, owned by the caller (closing the store does not
   *     shut it down, but waits for the writes handed to it)
   */
  public SqlCacheStore(Database database, ExecutorService writer) {
    this.database = database;
    this.writer = writer;
  }

  @Override
  public List<CachedAnswer> live(Instant now, int limit) {
    return select("SELECT " + COLUMNS + " FROM cache_entry WHERE expires_at_ms > ?"
        + " ORDER BY created_at_ms DESC LIMIT " + Math.max(0, limit), now.toEpochMilli());
  }

  @Override
  public List<CachedAnswer> createdSince(Instant since, Instant now) {
    return select("SELECT " + COLUMNS + " FROM cache_entry WHERE expires_at_ms > ?"
        + " AND created_at_ms >= ? ORDER BY created_at_ms", now.toEpochMilli(),
        since.toEpochMilli());
  }

  @Override
  public void save(CachedAnswer answer) {
    write("store cache entry", connection -> {
      try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
        bind(upsert, answer);
        upsert.executeUpdate();
      }
    });
  }

  @Override
  public void delete(String key) {
    write("delete cache entry", connection -> {
      try (PreparedStatement delete =
          connection.prepareStatement("DELETE FROM cache_entry WHERE cache_key = ?")) {
        delete.setString(1, key);
        delete.executeUpdate();
      }
    });
  }

  @Override
  public void purgeExpired(Instant now) {
    write("purge expired cache entries", connection -> {
      try (PreparedStatement delete =
          connection.prepareStatement("DELETE FROM cache_entry WHERE expires_at_ms <= ?")) {
        delete.setLong(1, now.toEpochMilli());
        delete.executeUpdate();
      }
    });
  }

  @Override
  public void flush() {
    Future<?> marker = writer.submit(() -> {});
    try {
      marker.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      LOG.warn("cache store flush failed", e.getCause());
    }
  }

  @Override
  public void close() {
    if (!writer.isShutdown()) {
      flush();
    }
  }

  private interface Write {
    void run(Connection connection) throws SQLException;
  }

  private void write(String what, Write work) {
    writer.execute(() -> {
      try (Connection connection = database.dataSource().getConnection()) {
        work.run(connection);
      } catch (SQLException | RuntimeException e) {
        LOG.warn("could not {}; the answer stays cached in memory only", what, e);
      }
    });
  }

  private List<CachedAnswer> select(String sql, long... parameters) {
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        select.setLong(i + 1, parameters[i]);
      }
      List<CachedAnswer> found = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          read(rows).ifPresent(found::add);
        }
      }
      return found;
    } catch (SQLException e) {
      LOG.warn("could not read cache entries; starting from what is in memory", e);
      return List.of();
    }
  }

  private static void bind(PreparedStatement upsert, CachedAnswer answer) throws SQLException {
    upsert.setString(1, answer.key());
    upsert.setString(2, answer.tenant());
    upsert.setString(3, answer.dataLabel());
    upsert.setString(4, answer.scope().orElse(null));
    upsert.setString(5, answer.promptText().orElse(null));
    if (answer.vector().isPresent()) {
      upsert.setBytes(6, bytes(answer.vector().get()));
    } else {
      upsert.setNull(6, Types.BINARY);
    }
    upsert.setString(7, answer.embeddingModel());
    upsert.setString(8, AnswerJson.write(answer.response()));
    upsert.setString(9, answer.servedModel());
    upsert.setString(10, answer.tier());
    upsert.setLong(11, answer.createdAt().toEpochMilli());
    upsert.setLong(12, answer.expiresAt().toEpochMilli());
  }

  /** A row that no longer reads (a hand-edited answer) is skipped with a warning. */
  private static Optional<CachedAnswer> read(ResultSet row) throws SQLException {
    String key = row.getString("cache_key");
    try {
      byte[] embedding = row.getBytes("embedding");
      return Optional.of(new CachedAnswer(key, row.getString("tenant"),
          row.getString("data_label"), Optional.ofNullable(row.getString("scope_key")),
          Optional.ofNullable(row.getString("prompt_text")),
          Optional.ofNullable(embedding).map(SqlCacheStore::floats),
          row.getString("embedding_model"), AnswerJson.read(row.getString("answer_json")),
          row.getString("served_model"), row.getString("tier"),
          Instant.ofEpochMilli(row.getLong("created_at_ms")),
          Instant.ofEpochMilli(row.getLong("expires_at_ms"))));
    } catch (IllegalArgumentException e) {
      LOG.warn("skipping unreadable cache entry {}", key, e);
      return Optional.empty();
    }
  }

  static byte[] bytes(float[] vector) {
    ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES)
        .order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(vector);
    return buffer.array();
  }

  static float[] floats(byte[] bytes) {
    if (bytes.length % Float.BYTES != 0) {
      throw new IllegalArgumentException("a vector is a whole number of float32 values");
    }
    float[] vector = new float[bytes.length / Float.BYTES];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
    return vector;
  }
}
