-- Per-minute rate-limit buckets that every gateway process on this database shares: one row per
-- key and limit (requests, tokens). The level is in 1/60,000 units of the limit, refilled
-- continuously from refilled_at_ms; it may be below zero after a request larger than a minute's
-- allowance.
CREATE TABLE rate_bucket (
  key_id          TEXT    NOT NULL,
  kind            TEXT    NOT NULL,
  level_scaled    INTEGER NOT NULL,
  refilled_at_ms  INTEGER NOT NULL,
  PRIMARY KEY (key_id, kind)
);
