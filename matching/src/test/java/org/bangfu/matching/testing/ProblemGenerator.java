package org.bangfu.matching.testing;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.bangfu.matching.json.ProblemJson;
import org.bangfu.matching.model.Cap;
import org.bangfu.matching.model.County;
import org.bangfu.matching.model.Hometown;
import org.bangfu.matching.model.Need;
import org.bangfu.matching.model.Pledge;
import org.bangfu.matching.model.Problem;
import org.bangfu.matching.model.Village;
import org.bangfu.matching.model.Weights;

/**
 * Deterministic generator of Quanzhou-like allocation problems (same seed, same problem): the
 * Quanzhou counties and their mountain-sea pairings (more counties, synthetic, beyond 50,000
 * needs), townships and villages, needs in the seed's categories and several units, scoped and
 * unscoped pledges, category-restricted and open ones, hometowns, campaign pairings, caps, {@code
 * maxPerNeed}, expired items.
 *
 * <p>Command line: {@code ProblemGenerator SEED NEEDS PLEDGES SCOPED_SHARE OUT.json
 * [--max-per-need-scoped-only]}.
 */
public final class ProblemGenerator {
  public static final LocalDate DATE = LocalDate.of(2018, 10, 17);

  /** Quanzhou unit → paired county (山海协作), from the seed work plan. */
  static final String[][] PAIRS = {
    {"350502", "鲤城区", "350421", "明溪县"}, {"350503", "丰泽区", "350721", "顺昌县"},
    {"350505", "泉港区", "350424", "宁化县"}, {"350581", "石狮市", "350725", "政和县"},
    {"350582", "晋江市", "350821", "长汀县"}, {"350583", "南安市", "350922", "古田县"},
    {"350521", "惠安县", "350723", "光泽县"}
  };

  static final String[][] UNPAIRED = {
    {"350504", "洛江区"}, {"350524", "安溪县"}, {"350525", "永春县"}, {"350526", "德化县"}
  };
  static final String[] CATEGORIES = {
    "industry",
    "employment",
    "relocation",
    "housing",
    "education",
    "health",
    "ecology",
    "training",
    "microcredit",
    "ecommerce",
    "tourism",
    "collective",
    "infrastructure",
    "public_service"
  };
  static final String[] UNITS = {"CNY", "job", "training-place", "item:school-uniform"};
  static final double[] UNIT_SHARE = {0.60, 0.15, 0.15, 0.10};

  /** What to generate. */
  public record Config(
      long seed,
      int needs,
      int pledges,
      double scopedShare,
      double maxPerNeedShare,
      double capShare,
      boolean tinyQuantities,
      int villages,
      boolean maxPerNeedScopedOnly) {
    public static Config realistic(long seed, int needs, int pledges, double scopedShare) {
      return new Config(
          seed, needs, pledges, scopedShare, 0.08, 0.08, false, Math.max(4, needs / 10), false);
    }

    /** Few villages and quantities of 1–4: for the brute-force comparison. */
    public static Config tiny(long seed, int needs, int pledges) {
      return new Config(seed, needs, pledges, 0.4, 0.3, 0.3, true, 3, false);
    }

    /** The same, but only scoped pledges carry a maxPerNeed (local per-household programmes). */
    public Config withMaxPerNeedOnScopedOnly() {
      return new Config(
          seed,
          needs,
          pledges,
          scopedShare,
          maxPerNeedShare,
          capShare,
          tinyQuantities,
          villages,
          true);
    }
  }

  private final Config cfg;
  private final Random rnd;
  private final List<County> counties = new ArrayList<>();
  private final List<String> quanzhou = new ArrayList<>();
  private final List<Village> villages = new ArrayList<>();
  private final List<String> townships = new ArrayList<>();

  private ProblemGenerator(Config cfg) {
    this.cfg = cfg;
    this.rnd = new Random(cfg.seed());
  }

  public static Problem generate(Config cfg) {
    return new ProblemGenerator(cfg).problem();
  }

  private Problem problem() {
    regions();
    List<Cap> caps = new ArrayList<>();
    for (Village v : villages) {
      if (rnd.nextDouble() < cfg.capShare()) {
        caps.add(
            new Cap(
                v.id(),
                "CNY",
                cfg.tinyQuantities() ? 1 + rnd.nextInt(4) : logUniform(10_000, 300_000)));
      }
    }
    List<Need> needs = new ArrayList<>(cfg.needs());
    for (int i = 0; i < cfg.needs(); i++) {
      needs.add(need(i));
    }
    List<Pledge> pledges = new ArrayList<>(cfg.pledges());
    for (int j = 0; j < cfg.pledges(); j++) {
      pledges.add(pledge(j));
    }
    Weights weights =
        cfg.tinyQuantities() && rnd.nextBoolean() ? randomWeights() : Weights.DEFAULTS;
    return new Problem(DATE, weights, counties, villages, caps, needs, pledges);
  }

  private Weights randomWeights() {
    return new Weights(
        rnd.nextInt(200),
        rnd.nextInt(400),
        rnd.nextInt(300),
        rnd.nextInt(300),
        rnd.nextInt(300),
        rnd.nextInt(300),
        rnd.nextInt(100),
        rnd.nextInt(100));
  }

  private void regions() {
    for (String[] p : PAIRS) {
      counties.add(new County(p[0], p[1], List.of(p[2])));
      quanzhou.add(p[0]);
    }
    for (String[] u : UNPAIRED) {
      counties.add(new County(u[0], u[1], List.of()));
      quanzhou.add(u[0]);
    }
    for (String[] p : PAIRS) {
      counties.add(new County(p[2], p[3], List.of()));
    }
    // beyond Quanzhou's size: synthetic counties, every third one paired with the one before
    int extra = Math.max(0, cfg.villages() / 300 - counties.size());
    for (int k = 0; k < extra; k++) {
      String id = String.format("9%05d", k);
      List<String> pair = k % 3 == 2 ? List.of(String.format("9%05d", k - 1)) : List.of();
      counties.add(new County(id, "县" + k, pair));
    }
    int townshipsPerCounty = cfg.tinyQuantities() ? 2 : 12;
    for (int k = 0; k < cfg.villages(); k++) {
      County c =
          cfg.tinyQuantities()
              ? counties.get(k % 3 == 2 ? 7 : 0)
              : counties.get(rnd.nextInt(counties.size()));
      String township = c.id() + "-T" + rnd.nextInt(townshipsPerCounty);
      villages.add(new Village(String.format("V%06d", k), c.id(), township));
      townships.add(township);
    }
  }

  private Need need(int i) {
    Village v = villages.get(rnd.nextInt(villages.size()));
    String unit = unit();
    LocalDate deadline =
        rnd.nextDouble() < 0.1
            ? null
            : DATE.plusDays(rnd.nextDouble() < 0.05 ? -1 - rnd.nextInt(60) : rnd.nextInt(400));
    int priority = 1 + (int) Math.min(4, Math.floor(Math.abs(rnd.nextGaussian()) * 2));
    return new Need(
        String.format("N%07d", i),
        v.id(),
        CATEGORIES[rnd.nextInt(cfg.tinyQuantities() ? 3 : CATEGORIES.length)],
        unit,
        needQuantity(unit),
        priority,
        deadline);
  }

  private Pledge pledge(int j) {
    String unit = unit();
    List<String> categories = new ArrayList<>();
    if (rnd.nextDouble() >= 0.35) {
      int k = 1 + rnd.nextInt(3);
      Set<String> set = new LinkedHashSet<>();
      while (set.size() < k) {
        set.add(CATEGORIES[rnd.nextInt(cfg.tinyQuantities() ? 3 : CATEGORIES.length)]);
      }
      categories.addAll(set);
    }
    List<String> scope = new ArrayList<>();
    if (rnd.nextDouble() < cfg.scopedShare()) {
      int k = 1 + rnd.nextInt(3);
      for (int m = 0; m < k; m++) {
        Village v = villages.get(rnd.nextInt(villages.size()));
        double r = rnd.nextDouble();
        String id = r < 0.6 ? v.county() : r < 0.85 ? v.township() : v.id();
        if (!scope.contains(id)) {
          scope.add(id);
        }
      }
    }
    String homeCounty =
        rnd.nextDouble() >= 0.85
            ? null
            : cfg.tinyQuantities()
                ? villages.get(rnd.nextInt(villages.size())).county()
                : quanzhou.get(rnd.nextInt(quanzhou.size()));
    Hometown hometown = null;
    if (rnd.nextDouble() < 0.5) {
      Village v = villages.get(rnd.nextInt(villages.size()));
      double r = rnd.nextDouble();
      hometown = new Hometown(v.county(), r < 0.6 ? v.township() : null, r < 0.3 ? v.id() : null);
    }
    List<String> paired = new ArrayList<>();
    if (rnd.nextDouble() < 0.3) {
      int k = 1 + rnd.nextInt(5);
      for (int m = 0; m < k; m++) {
        String id = villages.get(rnd.nextInt(villages.size())).id();
        if (!paired.contains(id)) {
          paired.add(id);
        }
      }
    }
    Long maxPerNeed =
        rnd.nextDouble() < cfg.maxPerNeedShare() && !(cfg.maxPerNeedScopedOnly() && scope.isEmpty())
            ? Math.max(1, needQuantity(unit) / 2)
            : null;
    LocalDate expires =
        rnd.nextDouble() < 0.2
            ? null
            : DATE.plusDays(rnd.nextDouble() < 0.05 ? -1 - rnd.nextInt(30) : rnd.nextInt(500));
    return new Pledge(
        String.format("P%06d", j),
        String.format("D%05d", j / 2),
        unit,
        pledgeQuantity(unit),
        categories,
        scope,
        homeCounty,
        hometown,
        paired,
        maxPerNeed,
        expires);
  }

  private String unit() {
    if (cfg.tinyQuantities()) {
      return rnd.nextDouble() < 0.8 ? "CNY" : "job";
    }
    double r = rnd.nextDouble();
    for (int k = 0; k < UNITS.length; k++) {
      r -= UNIT_SHARE[k];
      if (r < 0) {
        return UNITS[k];
      }
    }
    return UNITS[0];
  }

  private long needQuantity(String unit) {
    if (cfg.tinyQuantities()) {
      return 1 + rnd.nextInt(4);
    }
    return switch (unit) {
      case "CNY" -> logUniform(500, 200_000);
      case "job" -> logUniform(1, 30);
      case "training-place" -> logUniform(1, 40);
      default -> logUniform(10, 500);
    };
  }

  private long pledgeQuantity(String unit) {
    if (cfg.tinyQuantities()) {
      return 1 + rnd.nextInt(5);
    }
    // about as much is pledged as is needed, in larger pieces
    double ratio = (double) cfg.needs() / Math.max(1, cfg.pledges());
    return switch (unit) {
      case "CNY" -> logUniform((long) (2_000 * ratio), (long) (60_000 * ratio));
      case "job" -> logUniform(Math.max(1, (long) ratio), (long) (12 * ratio) + 2);
      case "training-place" -> logUniform(Math.max(1, (long) ratio), (long) (15 * ratio) + 2);
      default -> logUniform((long) (10 * ratio) + 1, (long) (200 * ratio) + 2);
    };
  }

  private long logUniform(long lo, long hi) {
    double x = Math.exp(Math.log(lo) + rnd.nextDouble() * (Math.log(hi) - Math.log(lo)));
    return Math.max(1, Math.round(x));
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 5 && !(args.length == 6 && args[5].equals("--max-per-need-scoped-only"))) {
      System.err.println(
          "usage: ProblemGenerator SEED NEEDS PLEDGES SCOPED_SHARE OUT.json"
              + " [--max-per-need-scoped-only]");
      System.exit(2);
    }
    Config cfg =
        Config.realistic(
            Long.parseLong(args[0]),
            Integer.parseInt(args[1]),
            Integer.parseInt(args[2]),
            Double.parseDouble(args[3]));
    if (args.length == 6) {
      cfg = cfg.withMaxPerNeedOnScopedOnly();
    }
    Problem p = generate(cfg);
    try (OutputStream out =
        new BufferedOutputStream(Files.newOutputStream(Path.of(args[4])), 1 << 16)) {
      ProblemJson.write(p, out);
    }
  }
}
