package org.bangfu.sampling;

/**
 * How many verified allocations to check so that the share found received is known to within a
 * margin at a confidence: Cochran's formula for a proportion, n₀ = z²·p(1−p)/e², with the worst
 * case p = 0.5, then the finite population correction n = n₀ / (1 + (n₀ − 1)/N), rounded up (and
 * never more than N). At 95 % (z = 1.96) and ± 5 %, n₀ = 384.16: N = 10,000 gives 370, N = 100
 * gives 80.
 */
public final class SampleSize {
  /** The two-sided normal quantile for 95 % confidence. */
  public static final double Z_95 = 1.96;

  public static final double CONFIDENCE = 0.95;
  public static final double MARGIN = 0.05;

  private SampleSize() {}

  /** The sample size for a population of {@code population} at 95 % and ± 5 %. */
  public static int of(int population) {
    return of(population, Z_95, MARGIN);
  }

  public static int of(int population, double z, double margin) {
    if (population < 0 || z <= 0 || margin <= 0 || margin >= 1) {
      throw new IllegalArgumentException("a population ≥ 0, z > 0 and a margin in (0, 1)");
    }
    if (population == 0) {
      return 0;
    }
    double n0 = z * z * 0.25 / (margin * margin);
    double n = n0 / (1 + (n0 - 1) / population);
    // a hair under the integer it should be (floating point) is that integer
    return (int) Math.min(population, Math.ceil(n - 1e-9));
  }

  /**
   * The margin a checked sample actually gives for the share {@code p} it found, at 95 %:
   * z·√(p(1−p)/n) with the finite population correction √((N−n)/(N−1)); null when nothing was
   * checked.
   */
  public static Double achievedMargin(double p, int checked, int population) {
    if (checked <= 0 || population <= 0) {
      return null;
    }
    double fpc =
        population <= 1 ? 0 : Math.sqrt((double) (population - checked) / (population - 1));
    return Z_95 * Math.sqrt(p * (1 - p) / checked) * fpc;
  }
}
