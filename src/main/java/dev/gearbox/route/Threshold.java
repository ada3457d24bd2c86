package dev.gearbox.route;

/**
 * A calibrated decision threshold and what it achieved on the calibration data: scores at or
 * above {@code value} go to the small tier.
 *
 * @param frontierShare share of calibration requests below the threshold
 * @param qualityRatio quality kept, as a share of all-frontier quality
 */
public record Threshold(double value, double frontierShare, double qualityRatio) {}
