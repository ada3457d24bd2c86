package dev.gearbox.provider;

/** Where an upstream runs; air-gap and data-label policies allow or forbid by locality. */
public enum Locality {
  /** Inside the operator's network: prompts never leave it. */
  ON_PREM,
  /** A third-party service reached over the internet. */
  EXTERNAL
}
