package org.bangfu.matching.testing;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * Deterministic generator of Quanzhou-like allocation problems (same seed and mix, same problem):
 * the Quanzhou counties and their mountain-sea pairings (more counties, synthetic, beyond 3,000
 * villages), townships and villages, needs in fourteen categories, pledges scoped the way donors
 * scope them — their paired county (山海协作), a township or two, their campaign's paired villages
 * (百企帮百村), their hometown (籍贯) — category-restricted and open ones, hometowns, village caps,
 * per-need maxima (per-household programmes), expired items.
 *
 * <p>A {@link Mix} says what kind of round to make; the benchmark runs a grid of mixes ({@code
 * scripts/bench-match}). Command line: {@code ProblemGenerator SEED NEEDS PLEDGES OUT.json [MIX]}
 * where MIX is a {@link Mix#name()} such as {@code mixed-s50-any-cap-wide-hi}.
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

  /** Which pledges carry a per-need maximum. */
  public enum Maxima {
    NONE,
    SCOPED,
    ANY
  }

  /**
   * The kind of round: units (CNY only or mixed), the share of scoped pledges, which pledges carry
   * a per-need maximum and how many of those, the share of villages with a cap, the spread of
   * priorities (wide 1–5 or narrow 2–3), and how many donors have a hometown and paired villages
   * ({@code ties}: 0.5 = half of them have a hometown, a third paired villages).
   */
  public record Mix(
      boolean mixedUnits,
      double scopedShare,
      Maxima maxima,
      double maximaShare,
      double capShare,
      boolean widePriorities,
      double ties) {

    /** What donors and villages look like in the national data: the default of the benchmark. */
    public static final Mix NATIONAL = parse("mixed-s70-any-cap-wide-hi");

    /**
     * A short name: {@code cny|mixed}-s{scoped
     * %}-{none|scoped|any}-{cap|nocap}-{wide|narrow}-{lo|hi}.
     */
    public String name() {
      return String.format(
          Locale.ROOT,
          "%s-s%d-%s-%s-%s-%s",
          mixedUnits ? "mixed" : "cny",
          Math.round(scopedShare * 100),
          maxima.name().toLowerCase(Locale.ROOT),
          capShare > 0 ? "cap" : "nocap",
          widePriorities ? "wide" : "narrow",
          ties >= 0.5 ? "hi" : "lo");
    }

    /** The mix of a {@link #name()}; the maxima share is 0.2 and caps are on 30 % of villages. */
    public static Mix parse(String name) {
      String[] p = name.split("-");
      if (p.length != 6 || !p[1].startsWith("s")) {
        throw new IllegalArgumentException("not a mix name: " + name);
      }
      return new Mix(
          switch (p[0]) {
            case "cny" -> false;
            case "mixed" -> true;
            default -> throw new IllegalArgumentException("units must be cny or mixed: " + name);
          },
          Integer.parseInt(p[1].substring(1)) / 100.0,
          Maxima.valueOf(p[2].toUpperCase(Locale.ROOT)),
          0.2,
          switch (p[3]) {
            case "cap" -> 0.3;
            case "nocap" -> 0.0;
            default -> throw new IllegalArgumentException("caps must be cap or nocap: " + name);
          },
          switch (p[4]) {
            case "wide" -> true;
            case "narrow" -> false;
            default -> throw new IllegalArgumentException("priorities: wide or narrow: " + name);
          },
          switch (p[5]) {
            case "hi" -> 0.6;
            case "lo" -> 0.2;
            default -> throw new IllegalArgumentException("ties must be hi or lo: " + name);
          });
    }

    /**
     * The benchmark's grid: units × scoped share (0, 0.5, 0.9) × maxima (none, scoped only, any),
     * 18 cells, with caps, priority spread and ties alternating across them so that each level of
     * each appears with every level of the main three.
     */
    public static List<Mix> grid() {
      List<Mix> out = new ArrayList<>();
      double[] scoped = {0, 0.5, 0.9};
      for (int u = 0; u < 2; u++) {
        for (int s = 0; s < 3; s++) {
          for (int m = 0; m < 3; m++) {
            out.add(
                new Mix(
                    u == 1,
                    scoped[s],
                    Maxima.values()[m],
                    0.2,
                    (s + m) % 2 == 0 ? 0.3 : 0,
                    (u + m) % 2 == 0,
                    (u + s + m) % 2 == 0 ? 0.6 : 0.2));
          }
        }
      }
      return out;
    }
  }

  /** What to generate. */
  public record Config(long seed, int needs, int pledges, Mix mix, int villages, boolean tiny) {
    public static Config of(long seed, int needs, int pledges, Mix mix) {
      return new Config(seed, needs, pledges, mix, Math.max(4, needs / 10), false);
    }

    /** The national mix with {@code scopedShare} scoped pledges: for the comparison tests. */
    public static Config realistic(long seed, int needs, int pledges, double scopedShare) {
      Mix m = Mix.NATIONAL;
      return of(
          seed,
          needs,
          pledges,
          new Mix(
              m.mixedUnits(),
              scopedShare,
              m.maxima(),
              m.maximaShare(),
              m.capShare(),
              m.widePriorities(),
              m.ties()));
    }

    /** Few villages and quantities of 1–4: for the brute-force comparison. */
    public static Config tiny(long seed, int needs, int pledges) {
      return new Config(
          seed, needs, pledges, new Mix(true, 0.4, Maxima.ANY, 0.3, 0.3, true, 0.5), 3, true);
    }
  }

  private final Config cfg;
  private final Mix mix;
  private final Random rnd;
  private final List<County> counties = new ArrayList<>();
  private final List<String> quanzhou = new ArrayList<>();
  private final Map<String, String> partnerOf = new HashMap<>();
  private final List<Village> villages = new ArrayList<>();
  private final Map<String, List<Village>> villagesOfCounty = new HashMap<>();

  private ProblemGenerator(Config cfg) {
    this.cfg = cfg;
    this.mix = cfg.mix();
    this.rnd = new Random(cfg.seed());
  }

  public static Problem generate(Config cfg) {
    return new ProblemGenerator(cfg).problem();
  }

  private Problem problem() {
    regions();
    List<Cap> caps = new ArrayList<>();
    for (Village v : villages) {
      if (rnd.nextDouble() < mix.capShare()) {
        caps.add(
            new Cap(v.id(), "CNY", cfg.tiny() ? 1 + rnd.nextInt(4) : logUniform(10_000, 300_000)));
        if (mix.mixedUnits() && rnd.nextBoolean()) {
          caps.add(new Cap(v.id(), "job", cfg.tiny() ? 1 + rnd.nextInt(3) : logUniform(2, 40)));
        }
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
    Weights weights = cfg.tiny() && rnd.nextBoolean() ? randomWeights() : Weights.DEFAULTS;
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
      partnerOf.put(p[0], p[2]);
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
    int townshipsPerCounty = cfg.tiny() ? 2 : 12;
    for (int k = 0; k < cfg.villages(); k++) {
      County c =
          cfg.tiny()
              ? counties.get(k % 3 == 2 ? 7 : 0)
              : counties.get(rnd.nextInt(counties.size()));
      String township = c.id() + "-T" + rnd.nextInt(townshipsPerCounty);
      Village v = new Village(String.format("V%06d", k), c.id(), township);
      villages.add(v);
      villagesOfCounty.computeIfAbsent(c.id(), x -> new ArrayList<>()).add(v);
    }
  }

  private Need need(int i) {
    Village v = villages.get(rnd.nextInt(villages.size()));
    String unit = unit();
    LocalDate deadline =
        rnd.nextDouble() < 0.1
            ? null
            : DATE.plusDays(rnd.nextDouble() < 0.05 ? -1 - rnd.nextInt(60) : rnd.nextInt(400));
    int priority =
        mix.widePriorities()
            ? 1 + (int) Math.min(4, Math.floor(Math.abs(rnd.nextGaussian()) * 2))
            : 2 + rnd.nextInt(2);
    return new Need(
        String.format("N%07d", i),
        v.id(),
        CATEGORIES[rnd.nextInt(cfg.tiny() ? 3 : CATEGORIES.length)],
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
        set.add(CATEGORIES[rnd.nextInt(cfg.tiny() ? 3 : CATEGORIES.length)]);
      }
      categories.addAll(set);
    }
    String homeCounty =
        rnd.nextDouble() >= 0.85
            ? null
            : cfg.tiny()
                ? villages.get(rnd.nextInt(villages.size())).county()
                : quanzhou.get(rnd.nextInt(quanzhou.size()));
    boolean scoped = rnd.nextDouble() < mix.scopedShare();
    double kind = rnd.nextDouble();
    Hometown hometown =
        rnd.nextDouble() < mix.ties() || (scoped && kind >= 0.8) ? hometown() : null;
    List<String> paired =
        rnd.nextDouble() < mix.ties() * 0.6 || (scoped && kind >= 0.55 && kind < 0.8)
            ? pairedVillages(homeCounty)
            : List.of();
    List<String> scope = scoped ? scope(kind, homeCounty, hometown, paired) : List.of();
    boolean mayCarry =
        mix.maxima() == Maxima.ANY || (mix.maxima() == Maxima.SCOPED && !scope.isEmpty());
    Long maxPerNeed = mayCarry && rnd.nextDouble() < mix.maximaShare() ? perHousehold(unit) : null;
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

  /**
   * How donors scope a pledge: the county paired with their home county (or any poor county), a
   * township or two, their paired villages, or their hometown.
   */
  private List<String> scope(double kind, String homeCounty, Hometown ht, List<String> paired) {
    List<String> scope = new ArrayList<>();
    if (kind < 0.35) {
      String partner = homeCounty == null ? null : partnerOf.get(homeCounty);
      scope.add(partner != null && rnd.nextDouble() < 0.7 ? partner : randomVillage().county());
      if (rnd.nextDouble() < 0.2) {
        scope.add(randomVillage().county());
      }
    } else if (kind < 0.55) {
      scope.add(randomVillage().township());
      if (rnd.nextDouble() < 0.3) {
        scope.add(randomVillage().township());
      }
    } else if (kind < 0.8) {
      scope.addAll(paired);
    } else {
      scope.add(
          ht.village() != null
              ? ht.village()
              : ht.township() != null ? ht.township() : ht.county());
    }
    return scope.stream().distinct().toList();
  }

  private Hometown hometown() {
    Village v = randomVillage();
    double r = rnd.nextDouble();
    return new Hometown(v.county(), r < 0.6 ? v.township() : null, r < 0.3 ? v.id() : null);
  }

  /** 1–5 villages, mostly in the county paired with the donor's home county (百企帮百村). */
  private List<String> pairedVillages(String homeCounty) {
    String partner = homeCounty == null ? null : partnerOf.get(homeCounty);
    List<Village> pool = partner == null ? null : villagesOfCounty.get(partner);
    int k = 1 + rnd.nextInt(5);
    Set<String> out = new LinkedHashSet<>();
    for (int m = 0; m < k; m++) {
      Village v =
          pool != null && !pool.isEmpty() && rnd.nextDouble() < 0.8
              ? pool.get(rnd.nextInt(pool.size()))
              : randomVillage();
      out.add(v.id());
    }
    return List.copyOf(out);
  }

  private Village randomVillage() {
    return villages.get(rnd.nextInt(villages.size()));
  }

  /** A per-household programme's amount: what one household may get from the pledge. */
  private long perHousehold(String unit) {
    if (cfg.tiny()) {
      return 1 + rnd.nextInt(2);
    }
    return switch (unit) {
      case "CNY" -> logUniform(1_000, 50_000);
      case "job" -> 1 + rnd.nextInt(3);
      case "training-place" -> 1 + rnd.nextInt(5);
      default -> logUniform(5, 100);
    };
  }

  private String unit() {
    if (cfg.tiny()) {
      return rnd.nextDouble() < 0.8 ? "CNY" : "job";
    }
    if (!mix.mixedUnits()) {
      return "CNY";
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
    if (cfg.tiny()) {
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
    if (cfg.tiny()) {
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
    if (args.length == 1 && args[0].equals("--grid")) {
      System.out.println(String.join(",", Mix.grid().stream().map(Mix::name).toList()));
      return;
    }
    if (args.length != 4 && args.length != 5) {
      System.err.println("usage: ProblemGenerator SEED NEEDS PLEDGES OUT.json [MIX]");
      System.exit(2);
    }
    Mix mix = args.length == 5 ? Mix.parse(args[4]) : Mix.NATIONAL;
    Config cfg =
        Config.of(
            Long.parseLong(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]), mix);
    Problem p = generate(cfg);
    try (OutputStream out =
        new BufferedOutputStream(Files.newOutputStream(Path.of(args[3])), 1 << 16)) {
      ProblemJson.write(p, out);
    }
  }
}
