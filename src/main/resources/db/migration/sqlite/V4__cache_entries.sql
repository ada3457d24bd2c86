-- The response cache's entries, so that a restart keeps them and replicas on one PostgreSQL
-- share them. Vectors are stored as float32 little-endian and searched in process (no pgvector
-- needed). cache_key is a SHA-256 of the namespace (tenant, data label) and the request.
CREATE TABLE cache_entry (
  cache_key        TEXT    PRIMARY KEY,
  tenant           TEXT    NOT NULL,
  data_label       TEXT    NOT NULL,
  scope_key        TEXT,
  prompt_text      TEXT,
  embedding        BLOB,
  embedding_model  TEXT    NOT NULL,
  answer_json      TEXT    NOT NULL,
  served_model     TEXT    NOT NULL,
  tier             TEXT    NOT NULL,
  created_at_ms    INTEGER NOT NULL,
  expires_at_ms    INTEGER NOT NULL
);

CREATE INDEX cache_entry_created ON cache_entry (created_at_ms);
CREATE INDEX cache_entry_expires ON cache_entry (expires_at_ms);
