-- Budget counters that every gateway process on this database shares, so that a hard budget
-- holds across replicas. One counter per key or tenant budget period; money in picodollars as in
-- the ledger. A counter is created by the first request of its period, starting from what the
-- ledger already holds for that period.
CREATE TABLE budget_counter (
  scope            TEXT    NOT NULL,
  subject          TEXT    NOT NULL,
  period           TEXT    NOT NULL,
  period_start_ms  BIGINT  NOT NULL,
  spent_picousd    BIGINT  NOT NULL,
  PRIMARY KEY (scope, subject, period, period_start_ms)
);

-- The estimates of requests in flight, one row per counter a request is held in. A row past
-- expires_at_ms no longer counts (its process died mid-call) and is swept away; settling it
-- later still adds the real cost to its counter.
CREATE TABLE budget_reservation (
  scope            TEXT    NOT NULL,
  subject          TEXT    NOT NULL,
  period           TEXT    NOT NULL,
  period_start_ms  BIGINT  NOT NULL,
  reservation_id   TEXT    NOT NULL,
  amount_picousd   BIGINT  NOT NULL,
  expires_at_ms    BIGINT  NOT NULL,
  PRIMARY KEY (scope, subject, period, period_start_ms, reservation_id)
);

CREATE INDEX budget_reservation_id ON budget_reservation (reservation_id);
CREATE INDEX budget_reservation_expires ON budget_reservation (expires_at_ms);
