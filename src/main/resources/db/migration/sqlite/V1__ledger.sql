-- One row per request (cache hits and errors included). Money is stored as whole picodollars
-- (USD x 10^12) so that sums stay exact in SQL on both SQLite and PostgreSQL.
CREATE TABLE ledger (
  id                      INTEGER PRIMARY KEY,
  request_id              TEXT    NOT NULL,
  at_epoch_ms             INTEGER NOT NULL,
  day                     TEXT    NOT NULL,
  key_id                  TEXT,
  tenant                  TEXT,
  session_id              TEXT,
  parent_call_id          TEXT,
  requested_model         TEXT    NOT NULL,
  served_model            TEXT,
  tier                    TEXT,
  route_reason            TEXT,
  cache_status            TEXT    NOT NULL,
  input_tokens            INTEGER NOT NULL,
  output_tokens           INTEGER NOT NULL,
  cached_input_tokens     INTEGER NOT NULL,
  cache_write_tokens      INTEGER NOT NULL,
  reasoning_tokens        INTEGER NOT NULL,
  usage_source            TEXT    NOT NULL,
  cost_picousd            INTEGER NOT NULL,
  counterfactual_picousd  INTEGER NOT NULL,
  latency_ms              INTEGER NOT NULL,
  upstream_latency_ms     INTEGER,
  http_status             INTEGER NOT NULL
);

CREATE INDEX ledger_at ON ledger (at_epoch_ms);
CREATE INDEX ledger_request ON ledger (request_id);
CREATE INDEX ledger_key_at ON ledger (key_id, at_epoch_ms);
CREATE INDEX ledger_tenant_at ON ledger (tenant, at_epoch_ms);
CREATE INDEX ledger_session ON ledger (session_id);
