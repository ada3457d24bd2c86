-- The audit log: one hash-chained record per call. body is the record's canonical JSON, exactly
-- as hashed (hash = SHA-256 of its UTF-8 bytes, hex); the body holds seq and the previous
-- record's hash (prev), so the chain lives in the bodies. request_id, session_id and at_epoch_ms
-- repeat body fields for lookups; the verifier checks that they still agree with the body.
CREATE TABLE audit_log (
  seq          INTEGER PRIMARY KEY,
  request_id   TEXT    NOT NULL,
  session_id   TEXT,
  at_epoch_ms  INTEGER NOT NULL,
  body         TEXT    NOT NULL,
  hash         TEXT    NOT NULL
);

CREATE INDEX audit_log_request ON audit_log (request_id);
CREATE INDEX audit_log_session ON audit_log (session_id);

-- Signed checkpoints: record seq had this hash, signed with the Ed25519 key key_id.
CREATE TABLE audit_checkpoint (
  seq          INTEGER PRIMARY KEY,
  hash         TEXT    NOT NULL,
  at_epoch_ms  INTEGER NOT NULL,
  key_id       TEXT    NOT NULL,
  signature    TEXT    NOT NULL
);

-- Where the next record chains on. One row; appends lock it, so writers (replicas included)
-- take turns. It is bookkeeping, not evidence: verification never reads it.
CREATE TABLE audit_head (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  seq   INTEGER NOT NULL,
  hash  TEXT    NOT NULL
);

INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
