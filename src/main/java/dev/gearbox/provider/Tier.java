package dev.gearbox.provider;

/** The price and quality class of a model, which the router chooses between. */
public enum Tier {
  SMALL,
  FRONTIER
}
