package org.bangfu.demo;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.bangfu.households.IdNumbers;
import org.bangfu.matching.model.Affinity;
import org.bangfu.privacy.PersonalDataCipher;

/**
 * The marketplace's demo data: registered households (personal data encrypted like real ones),
 * needs in every state, pledges of every kind, allocations at every step from proposed to verified
 * (and declined, expired), a finished match round, and the audit rows of it all, so a new user of
 * any role sees a living marketplace. Invented and deterministic (seeded random); dates are
 * relative to the day of loading, so deadlines lie ahead.
 */
public final class MarketplaceDemoSection implements DemoSection {
  /** A kind of need: category, unit, title, description, household-level or not, quantity range. */
  record Kind(
      String category,
      String unit,
      String title,
      String description,
      boolean household,
      long min,
      long max) {}

  static final List<Kind> KINDS =
      List.of(
          new Kind(
              "industry", "CNY", "茶园提质改造", "老茶园改种铁观音良种，统一施有机肥，带动贫困户入股分红。", false, 80_000, 300_000),
          new Kind("industry", "CNY", "食用菌种植大棚", "建设标准化香菇大棚，贫困户务工加分红。", false, 60_000, 200_000),
          new Kind(
              "employment", "job", "扶贫车间就业岗位", "村扶贫车间（工艺品加工）招收贫困劳动力，月薪不低于2500元。", false, 3, 15),
          new Kind("employment", "job", "企业定向招工", "为有劳动能力的贫困户成员提供稳定就业岗位。", true, 1, 2),
          new Kind("relocation", "CNY", "易地搬迁安置点配套", "安置点道路、排水和路灯配套建设。", false, 100_000, 300_000),
          new Kind("housing", "CNY", "危房改造", "土木结构危房加固改造，保障住房安全。", true, 20_000, 50_000),
          new Kind("education", "CNY", "贫困学生助学金", "资助家中子女完成义务教育和高中学业。", true, 3_000, 12_000),
          new Kind("education", "item:school-uniform", "学生校服", "为村小学生每人配备两套校服。", false, 40, 160),
          new Kind("health", "CNY", "村卫生所设备", "购置心电图机、血压计等基本医疗设备。", false, 30_000, 80_000),
          new Kind("health", "CNY", "大病医疗救助", "家庭成员患重病，自付医疗费用负担重。", true, 10_000, 40_000),
          new Kind("ecology", "CNY", "生态护林员补助", "聘请贫困户担任生态护林员。", false, 20_000, 60_000),
          new Kind("training", "training-place", "雨露计划职业培训", "贫困家庭子女职业技能培训名额。", false, 5, 30),
          new Kind("microcredit", "CNY", "小额信贷贴息", "为发展生产的贫困户贷款贴息。", true, 5_000, 20_000),
          new Kind(
              "ecommerce", "CNY", "农村电商服务站", "建设村级电商服务站，帮助销售茶叶、笋干等农产品。", false, 30_000, 100_000),
          new Kind("tourism", "CNY", "乡村民宿改造", "利用闲置古厝改造民宿，发展乡村旅游。", false, 80_000, 250_000),
          new Kind(
              "collective",
              "CNY",
              "村集体光伏电站",
              "建设村集体光伏电站，增加村集体经营性收入，摘掉“空壳村”帽子。",
              false,
              100_000,
              300_000),
          new Kind("infrastructure", "CNY", "村道硬化", "硬化通组道路，方便农产品运输。", false, 100_000, 300_000),
          new Kind("infrastructure", "CNY", "安全饮水工程", "新建蓄水池和管网，解决饮水安全问题。", false, 50_000, 150_000),
          new Kind("public_service", "CNY", "村文化活动中心", "改造村部闲置用房为文化活动中心。", false, 40_000, 120_000));

  /** The story of a need: its status and the allocation statuses that lead there. */
  record Plan(String status, List<String> allocations, boolean fill) {}

  /** Every state a need can be in; the secretaries' villages get all of them. */
  static final List<Plan> EVERY_STATE =
      List.of(
          new Plan("draft", List.of(), false),
          new Plan("submitted", List.of(), false),
          new Plan("rejected", List.of(), false),
          new Plan("published", List.of(), false),
          new Plan("published", List.of("declined"), false),
          new Plan("partly_allocated", List.of("proposed"), false),
          new Plan("partly_allocated", List.of("confirmed"), false),
          new Plan("allocated", List.of("proposed", "confirmed"), true),
          new Plan("allocated", List.of("delivered"), true),
          new Plan("fulfilled", List.of("received", "verified"), true),
          new Plan("verified", List.of("verified"), true),
          new Plan("withdrawn", List.of("expired"), false),
          new Plan("expired", List.of(), false));

  /** The mix elsewhere: mostly open needs, some in progress, some done. */
  static final List<Plan> TYPICAL =
      List.of(
          new Plan("published", List.of(), false),
          new Plan("published", List.of(), false),
          new Plan("partly_allocated", List.of("confirmed"), false),
          new Plan("partly_allocated", List.of("proposed"), false),
          new Plan("allocated", List.of("confirmed", "delivered"), true),
          new Plan("fulfilled", List.of("received"), true),
          new Plan("verified", List.of("verified", "verified"), true),
          new Plan("submitted", List.of(), false));

  static final String[] HOUSEHOLD_STATUSES = {
    "in_poverty", "in_poverty", "in_poverty", "exited", "exited", "returned", "new", "marginal"
  };
  static final String[] GAPS = {"food", "clothing", "education", "medical", "housing"};
  static final String[] CADRES = {"县扶贫办", "镇党委", "县教育局", "县卫健局", "县农业农村局", "市直机关"};

  @Override
  public String name() {
    return "marketplace";
  }

  /** A donor, what ties it to places, and its campaign. */
  record DonorInfo(long id, String type, Long campaign, Affinity.Ties ties) {}

  /** A pledge being planned: what is left of it while allocations are drawn from it. */
  static final class PledgePlan {
    final DonorInfo donor;
    final String unit;
    final long quantity;
    final String mode;
    final String status;
    final LocalDate expires;
    long allocated;
    long id;

    PledgePlan(
        DonorInfo donor,
        String unit,
        long quantity,
        String mode,
        String status,
        LocalDate expires) {
      this.donor = donor;
      this.unit = unit;
      this.quantity = quantity;
      this.mode = mode;
      this.status = status;
      this.expires = expires;
    }

    long left() {
      return quantity - allocated;
    }
  }

  /** A need being planned. */
  static final class NeedPlan {
    String village;
    Long householdIndex;
    Kind kind;
    long quantity;
    int priority;
    LocalDate deadline;
    Plan plan;
    long allocated;
    OffsetDateTime created;
    long id;
    final List<AllocationPlan> allocations = new ArrayList<>();
  }

  record AllocationPlan(PledgePlan pledge, long quantity, String status, List<String> reasons) {}

  @Override
  public Future<Void> load(SqlConnection db, DemoContext demo) {
    Random r = demo.random();
    return PersonalDataCipher.resolve(db)
        .compose(
            cipher ->
                db.query(
                        """
                SELECT d.id, d.type, d.home_county, d.hometown_county, d.hometown_township, d.hometown_village,
                       (SELECT min(campaign_id) FROM campaign_enrolments e WHERE e.donor_id = d.id) AS campaign,
                       ARRAY(SELECT DISTINCT cp.village_id FROM campaign_pairings cp WHERE cp.donor_id = d.id) AS paired_villages,
                       ARRAY(SELECT CASE WHEN pr.from_id = d.home_county THEN pr.to_id ELSE pr.from_id END FROM region_pairings pr
                              WHERE pr.kind = 'mountain_sea' AND d.home_county IN (pr.from_id, pr.to_id)) AS paired_counties
                  FROM donors d ORDER BY d.id""")
                    .execute()
                    .compose(
                        donorRows ->
                            db.query(
                                    "SELECT role, village_id, donor_id FROM users WHERE role IN ('village_secretary', 'donor') ORDER BY id")
                                .execute()
                                .compose(
                                    accountRows -> {
                                      List<DonorInfo> donors = new ArrayList<>();
                                      for (Row d : donorRows) {
                                        donors.add(
                                            new DonorInfo(
                                                d.getLong("id"),
                                                d.getString("type"),
                                                d.getLong("campaign"),
                                                new Affinity.Ties(
                                                    d.getString("home_county"),
                                                    d.getString("hometown_county"),
                                                    d.getString("hometown_township"),
                                                    d.getString("hometown_village"),
                                                    new HashSet<>(
                                                        Arrays.asList(
                                                            d.getArrayOfStrings(
                                                                "paired_villages"))),
                                                    new HashSet<>(
                                                        Arrays.asList(
                                                            d.getArrayOfStrings(
                                                                "paired_counties"))))));
                                      }
                                      Set<String> secretaries = new LinkedHashSet<>();
                                      Set<Long> featured = new HashSet<>();
                                      for (Row a : accountRows) {
                                        if (a.getString("role").equals("village_secretary")) {
                                          secretaries.add(a.getString("village_id"));
                                        } else {
                                          featured.add(a.getLong("donor_id"));
                                        }
                                      }
                                      List<String> poor = demo.get("regions.poorVillages");
                                      return write(
                                          db,
                                          r,
                                          cipher,
                                          donors,
                                          new ArrayList<>(secretaries),
                                          poor,
                                          featured);
                                    })));
  }

  private Future<Void> write(
      SqlConnection db,
      Random r,
      PersonalDataCipher cipher,
      List<DonorInfo> donors,
      List<String> secretaryVillages,
      List<String> poor,
      Set<Long> featured) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    LocalDate today = now.toLocalDate();
    // households: 8 in each secretary's village, 2 in every other poor village
    List<String> villages = new ArrayList<>(secretaryVillages);
    poor.stream().filter(v -> !secretaryVillages.contains(v)).forEach(villages::add);
    List<Tuple> households = new ArrayList<>();
    Map<String, List<Integer>> householdsOf = new HashMap<>();
    int serial = 0;
    for (String v : villages) {
      int n = secretaryVillages.contains(v) ? 8 : 2;
      for (int i = 0; i < n; i++) {
        householdsOf.computeIfAbsent(v, k -> new ArrayList<>()).add(households.size());
        households.add(household(r, cipher, v, serial++));
      }
    }
    // pledges: every donor gives money, enterprises also jobs and training places
    List<PledgePlan> pledges = new ArrayList<>();
    for (DonorInfo d : donors) {
      long cny =
          switch (d.type()) {
            case "enterprise" -> 200_000 + 50_000L * r.nextInt(17);
            case "chamber" -> 300_000 + 100_000L * r.nextInt(8);
            case "overseas" -> 100_000 + 50_000L * r.nextInt(9);
            default -> 10_000 + 5_000L * r.nextInt(9);
          };
      pledges.add(
          new PledgePlan(d, "CNY", cny, r.nextInt(4) == 0 ? "earmarked" : "pooled", "open", null));
      if (d.type().equals("enterprise")) {
        pledges.add(new PledgePlan(d, "job", 10 + r.nextInt(40), "pooled", "open", null));
        if (r.nextBoolean()) {
          pledges.add(
              new PledgePlan(d, "training-place", 10 + r.nextInt(30), "pooled", "open", null));
        }
        if (r.nextInt(3) == 0) {
          pledges.add(
              new PledgePlan(
                  d, "item:school-uniform", 100 + 50L * r.nextInt(8), "pooled", "open", null));
        }
      }
    }
    // a few pledges that ended: one withdrawn, one expired
    if (donors.size() > 2) {
      pledges.add(new PledgePlan(donors.get(1), "CNY", 50_000, "pooled", "withdrawn", null));
      pledges.add(
          new PledgePlan(donors.get(2), "CNY", 30_000, "pooled", "expired", today.minusDays(20)));
    }
    // needs: every state in the secretaries' villages, the typical mix elsewhere
    List<NeedPlan> needs = new ArrayList<>();
    for (String v : villages) {
      List<Plan> plans =
          secretaryVillages.contains(v)
              ? EVERY_STATE
              : List.of(
                  TYPICAL.get(r.nextInt(TYPICAL.size())), TYPICAL.get(r.nextInt(TYPICAL.size())));
      for (Plan p : plans) {
        needs.add(need(r, v, p, householdsOf.get(v), now, today));
      }
    }
    // the demo accounts' donors give to the demo secretaries' villages, so every workspace has work
    List<PledgePlan> featuredPledges =
        pledges.stream().filter(p -> featured.contains(p.donor.id())).toList();
    Map<String, Integer> cursor = new HashMap<>();
    for (NeedPlan n : needs) {
      boolean showcase = secretaryVillages.contains(n.village);
      boolean drawn =
          allocate(r, n, showcase ? featuredPledges : pledges, cursor)
              || showcase && allocate(r, n, pledges, cursor);
      if (!drawn) {
        // no pledge of its unit had room: the need is simply open
        n.plan =
            new Plan(
                n.plan.status().equals("withdrawn") ? "withdrawn" : "published", List.of(), false);
      }
    }
    return insertHouseholds(db, households)
        .compose(ids -> insertNeeds(db, needs, ids, householdsOf))
        .compose(v -> insertPledges(db, pledges, now))
        .compose(v -> insertRound(db, needs, now))
        .compose(round -> insertAllocations(db, needs, round, now))
        .compose(v -> audit(db, needs, pledges));
  }

  private static Tuple household(Random r, PersonalDataCipher cipher, String village, int serial) {
    String county =
        village.length() >= 6 && village.substring(0, 6).chars().allMatch(Character::isDigit)
            ? village.substring(0, 6)
            : "350500";
    LocalDate born = LocalDate.of(1950 + r.nextInt(45), 1 + r.nextInt(12), 1 + r.nextInt(28));
    String id =
        IdNumbers.withCheck(
            county + born.toString().replace("-", "") + String.format("%03d", serial % 1000));
    String phone =
        "1" + (3 + r.nextInt(7)) + String.format("%09d", Math.abs(r.nextLong()) % 1_000_000_000L);
    int members = 1 + r.nextInt(6);
    int labour = r.nextInt(members + 1);
    List<String> gaps = new ArrayList<>();
    for (String g : GAPS) {
      if (r.nextInt(4) == 0) {
        gaps.add(g);
      }
    }
    String status = HOUSEHOLD_STATUSES[r.nextInt(HOUSEHOLD_STATUSES.length)];
    return Tuple.from(
        new Object[] {
          village,
          Names.person(r),
          Buffer.buffer(cipher.encrypt("household.idNumber", id)),
          Buffer.buffer(cipher.digest("household.idNumber", id)),
          Buffer.buffer(cipher.encrypt("household.phone", phone)),
          Buffer.buffer(
              cipher.encrypt(
                  "household.address", (1 + r.nextInt(9)) + "组" + (1 + r.nextInt(60)) + "号")),
          status,
          members,
          labour,
          gaps.toArray(String[]::new),
          CADRES[r.nextInt(CADRES.length)] + Names.surname(r) + "同志"
        });
  }

  private static NeedPlan need(
      Random r,
      String village,
      Plan plan,
      List<Integer> households,
      OffsetDateTime now,
      LocalDate today) {
    NeedPlan n = new NeedPlan();
    n.village = village;
    n.plan = plan;
    n.kind = KINDS.get(r.nextInt(KINDS.size()));
    if (n.kind.household() && households != null && !households.isEmpty()) {
      n.householdIndex = (long) households.get(r.nextInt(households.size()));
    }
    long step = n.kind.unit().equals("CNY") ? 1000 : 1;
    long span = (n.kind.max() - n.kind.min()) / step;
    n.quantity =
        n.kind.min()
            + step * (span <= 0 ? 0 : r.nextInt((int) Math.min(span + 1, Integer.MAX_VALUE)));
    n.priority = 1 + r.nextInt(5);
    n.created = now.minusDays(20 + r.nextInt(280)).withNano(0);
    n.deadline =
        plan.status().equals("expired")
            ? today.minusDays(5 + r.nextInt(30))
            : r.nextInt(3) == 0 ? null : today.plusDays(30 + r.nextInt(300));
    return n;
  }

  /**
   * Draws the need's allocations from pledges of its unit, round-robin, never past what is left;
   * false when none of these pledges could give anything (nothing is changed then).
   */
  private static boolean allocate(
      Random r, NeedPlan n, List<PledgePlan> pledges, Map<String, Integer> cursor) {
    List<String> steps = n.plan.allocations();
    if (steps.isEmpty()) {
      return true;
    }
    List<PledgePlan> ofUnit =
        pledges.stream()
            .filter(p -> p.unit.equals(n.kind.unit()) && p.status.equals("open"))
            .toList();
    if (ofUnit.isEmpty()) {
      return false;
    }
    long target = n.plan.fill() ? n.quantity : Math.max(1, n.quantity * (3 + r.nextInt(4)) / 10);
    int held =
        (int) steps.stream().filter(s -> !s.equals("declined") && !s.equals("expired")).count();
    long given = 0;
    int k = 0;
    for (String status : steps) {
      boolean holds = !status.equals("declined") && !status.equals("expired");
      long q =
          holds
              ? (k == held - 1 ? target - given : Math.max(1, target / held))
              : Math.max(1, n.quantity / 4);
      int start = cursor.getOrDefault(n.kind.unit(), 0);
      PledgePlan chosen = null;
      for (int i = 0; i < ofUnit.size(); i++) {
        PledgePlan p = ofUnit.get((start + i) % ofUnit.size());
        if (p.left() >= (holds ? q : 0) && p.left() > 0) {
          chosen = p;
          cursor.put(n.kind.unit(), (start + i + 1) % ofUnit.size());
          break;
        }
      }
      if (chosen == null || q < 1) {
        continue;
      }
      if (holds) {
        chosen.allocated += q;
        given += q;
        k++;
      }
      String township =
          n.village.contains("-") ? n.village.substring(0, n.village.lastIndexOf('-')) : n.village;
      String county =
          n.village.contains("-") ? n.village.substring(0, n.village.indexOf('-')) : n.village;
      n.allocations.add(
          new AllocationPlan(
              chosen,
              q,
              status,
              Affinity.wireNames(
                  Affinity.reasons(
                      new Affinity.Place(n.village, township, county), chosen.donor.ties()))));
    }
    if (n.allocations.isEmpty()) {
      return false;
    }
    n.allocated = given;
    if (given == 0 && !n.plan.status().equals("withdrawn")) {
      n.plan =
          new Plan("published", n.allocations.isEmpty() ? List.of() : List.of("declined"), false);
    } else if (!n.plan.status().equals("withdrawn") && given < n.quantity && n.plan.fill()) {
      n.plan = new Plan("partly_allocated", steps, false);
    }
    return true;
  }

  private static Future<List<Long>> insertHouseholds(SqlConnection db, List<Tuple> rows) {
    return db.preparedQuery(
            """
                        INSERT INTO households (village_id, head_name, id_number_enc, id_number_digest, phone_enc, address_enc,
                                                status, members, labour_capacity, gaps, linked_cadre)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id""")
        .executeBatch(rows)
        .map(MarketplaceDemoSection::ids);
  }

  private static List<Long> ids(RowSet<Row> result) {
    List<Long> out = new ArrayList<>();
    for (RowSet<Row> rs = result; rs != null; rs = rs.next()) {
      rs.forEach(row -> out.add(row.getLong("id")));
    }
    return out;
  }

  private static Future<Void> insertNeeds(
      SqlConnection db,
      List<NeedPlan> needs,
      List<Long> householdIds,
      Map<String, List<Integer>> householdsOf) {
    List<Tuple> rows = new ArrayList<>();
    for (NeedPlan n : needs) {
      String status = n.plan.status();
      boolean published = !Set.of("draft", "submitted", "rejected").contains(status);
      rows.add(
          Tuple.from(
              new Object[] {
                n.village,
                n.householdIndex == null ? null : householdIds.get(n.householdIndex.intValue()),
                n.kind.category(),
                n.kind.unit(),
                n.quantity,
                n.allocated,
                (short) n.priority,
                n.deadline,
                n.kind.title(),
                n.kind.description(),
                status,
                status.equals("rejected") ? "请补充受益户名单和预算明细后重新提交。" : null,
                n.created,
                published ? n.created.plusDays(3) : null
              }));
    }
    return db.preparedQuery(
            """
                        INSERT INTO needs (village_id, household_id, category, unit, quantity, allocated, priority, deadline,
                                           title, description, status, reject_reason, created_at, updated_at, published_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14) RETURNING id""")
        .executeBatch(rows)
        .map(
            rs -> {
              List<Long> ids = ids(rs);
              for (int i = 0; i < needs.size(); i++) {
                needs.get(i).id = ids.get(i);
              }
              return null;
            });
  }

  private static Future<Void> insertPledges(
      SqlConnection db, List<PledgePlan> pledges, OffsetDateTime now) {
    List<Tuple> rows = new ArrayList<>();
    for (PledgePlan p : pledges) {
      String status = p.status.equals("open") && p.allocated == p.quantity ? "exhausted" : p.status;
      rows.add(
          Tuple.from(
              new Object[] {
                p.donor.id(),
                p.donor.campaign(),
                p.unit,
                p.quantity,
                p.allocated,
                p.mode,
                status,
                p.expires,
                "示范认捐",
                now.minusDays(300)
              }));
    }
    return db.preparedQuery(
            """
                        INSERT INTO pledges (donor_id, campaign_id, unit, quantity, allocated, mode, status, expires, note,
                                             created_at, updated_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id""")
        .executeBatch(rows)
        .map(
            rs -> {
              List<Long> ids = ids(rs);
              for (int i = 0; i < pledges.size(); i++) {
                pledges.get(i).id = ids.get(i);
              }
              return null;
            });
  }

  /** One finished round that proposed the demo's proposed allocations. */
  private static Future<Long> insertRound(
      SqlConnection db, List<NeedPlan> needs, OffsetDateTime now) {
    Map<String, Long> amounts = new HashMap<>();
    Set<Long> needIds = new HashSet<>();
    Set<Long> pledgeIds = new HashSet<>();
    int count = 0;
    for (NeedPlan n : needs) {
      for (AllocationPlan a : n.allocations) {
        if (a.status().equals("proposed")) {
          amounts.merge(a.pledge().unit, a.quantity(), Long::sum);
          needIds.add(n.id);
          pledgeIds.add(a.pledge().id);
          count++;
        }
      }
    }
    JsonObject amount = new JsonObject();
    amounts.forEach(amount::put);
    return db.preparedQuery(
            """
                        INSERT INTO match_rounds (status, started_at, finished_at, objective, allocation_count, amount_proposed,
                                                  needs_touched, pledges_touched)
                        VALUES ('done', $1, $1, $2, $3, $4, $5, $6) RETURNING id""")
        .execute(
            Tuple.from(
                new Object[] {
                  now.minusDays(7), 0L, count, amount, needIds.size(), pledgeIds.size()
                }))
        .map(rs -> rs.iterator().next().getLong("id"));
  }

  private static final List<String> LADDER =
      List.of("proposed", "confirmed", "delivered", "received", "verified");

  private static Future<Void> insertAllocations(
      SqlConnection db, List<NeedPlan> needs, long round, OffsetDateTime now) {
    List<Tuple> rows = new ArrayList<>();
    List<String[]> histories = new ArrayList<>();
    for (NeedPlan n : needs) {
      for (AllocationPlan a : n.allocations) {
        String status = a.status();
        boolean fromRound =
            status.equals("proposed") || status.equals("declined") || status.equals("expired");
        // a proposal still waiting comes from the demo round of a week ago: older than
        // expiry.Expiry.PROPOSAL_DAYS
        // it would expire at the first round or hourly expiry, and donors would find nothing to
        // confirm
        OffsetDateTime t0 = status.equals("proposed") ? now.minusDays(7) : n.created.plusDays(10);
        int reached = LADDER.indexOf(status);
        rows.add(
            Tuple.from(
                new Object[] {
                  n.id,
                  a.pledge().id,
                  fromRound ? round : null,
                  fromRound ? "round" : "claim",
                  n.kind.unit(),
                  a.quantity(),
                  a.reasons().toArray(String[]::new),
                  status,
                  t0,
                  reached >= 1 ? t0.plusDays(2) : null,
                  reached >= 2 ? t0.plusDays(9) : null,
                  reached >= 3 ? t0.plusDays(12) : null,
                  reached >= 4 ? t0.plusDays(15) : null
                }));
        List<String> steps =
            new ArrayList<>(
                reached >= 0 ? LADDER.subList(fromRound ? 0 : 1, reached + 1) : List.of());
        if (reached < 0) {
          steps.add("proposed");
          steps.add(status);
        }
        histories.add(steps.toArray(String[]::new));
      }
    }
    if (rows.isEmpty()) {
      return Future.succeededFuture();
    }
    return db.preparedQuery(
            """
                        INSERT INTO allocations (need_id, pledge_id, round_id, source, unit, quantity, reasons, status,
                                                 created_at, updated_at, confirmed_at, delivered_at, received_at, verified_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11, $12, $13) RETURNING id, created_at""")
        .executeBatch(rows)
        .compose(
            rs -> {
              List<Long> ids = ids(rs);
              List<Tuple> history = new ArrayList<>();
              List<Tuple> evidence = new ArrayList<>();
              for (int i = 0; i < ids.size(); i++) {
                OffsetDateTime at = (OffsetDateTime) rows.get(i).getValue(8);
                String[] steps = histories.get(i);
                for (int s = 0; s < steps.length; s++) {
                  history.add(Tuple.of(ids.get(i), steps[s], at.plusDays(3L * s), null));
                }
                List<String> reached = Arrays.asList(steps);
                if (reached.contains("delivered")) {
                  evidence.add(Tuple.of(ids.get(i), 1, "delivered", "款项已通过银行转账至村账户。"));
                }
                if (reached.contains("received")) {
                  evidence.add(Tuple.of(ids.get(i), 2, "received", "村委会已收到并入账，附收据编号。"));
                }
              }
              return db.preparedQuery(
                      "INSERT INTO allocation_history (allocation_id, status, at, note) VALUES ($1, $2, $3, $4)")
                  .executeBatch(history)
                  .compose(
                      v ->
                          evidence.isEmpty()
                              ? Future.succeededFuture()
                              : db.preparedQuery(
                                      "INSERT INTO allocation_evidence (allocation_id, n, stage, note) VALUES ($1, $2, $3, $4)")
                                  .executeBatch(evidence))
                  .mapEmpty();
            });
  }

  /** The trail of the demo's creation, so auditors see where its rows came from. */
  private static Future<Void> audit(
      SqlConnection db, List<NeedPlan> needs, List<PledgePlan> pledges) {
    List<Tuple> rows = new ArrayList<>();
    for (NeedPlan n : needs) {
      rows.add(
          Tuple.of(
              "need",
              String.valueOf(n.id),
              new JsonObject()
                  .put("status", n.plan.status())
                  .put("quantity", n.quantity)
                  .put("allocated", n.allocated)));
    }
    for (PledgePlan p : pledges) {
      rows.add(
          Tuple.of(
              "pledge",
              String.valueOf(p.id),
              new JsonObject()
                  .put("status", p.status)
                  .put("quantity", p.quantity)
                  .put("allocated", p.allocated)));
    }
    return db.preparedQuery(
            "INSERT INTO audit_log (actor, role, entity, entity_id, action, after) "
                + "VALUES ('demo-data', 'system', $1, $2, 'create', $3)")
        .executeBatch(rows)
        .mapEmpty();
  }
}
