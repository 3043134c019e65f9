package org.bangfu.demo;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bangfu.households.IdNumbers;
import org.bangfu.privacy.PersonalDataCipher;

/**
 * The register over time: a few thousand households across the poor villages with their histories
 * (identified 2014–2016, exits 2016–2019, a few returns and removals, edge and monitored
 * households), each step an effective application in the history; cadres in charge (and the 第一书记 of
 * the help villages), plans and visits; collective incomes 2016–2019 that move most villages over
 * the hollow and weak lines; applications waiting in the review queues of the secretaries'
 * villages; a 回头看 round in 安溪县. Deterministic from its own seed; all rows go in batches.
 */
public final class RegistryDemoSection implements DemoSection {
  static final String[] KINDS = {
    "industry",
    "employment",
    "relocation",
    "housing",
    "education",
    "health",
    "ecology",
    "dibao",
    "training",
    "microcredit",
    "ecommerce",
    "tourism"
  };
  static final Map<String, String> TARGETS =
      Map.ofEntries(
          Map.entry("industry", "发展茶叶种植 5 亩"),
          Map.entry("employment", "一人到县城企业务工"),
          Map.entry("relocation", "易地扶贫搬迁入住安置点"),
          Map.entry("housing", "完成危房改造"),
          Map.entry("education", "子女就读享受教育资助"),
          Map.entry("health", "家庭医生签约，慢病报销"),
          Map.entry("ecology", "聘为生态护林员"),
          Map.entry("dibao", "纳入低保兜底"),
          Map.entry("training", "雨露计划职业培训一人"),
          Map.entry("microcredit", "扶贫小额信贷 5 万元"),
          Map.entry("ecommerce", "农产品电商代销"),
          Map.entry("tourism", "参与乡村旅游民宿经营"));
  static final String[] UNITS = {"县农业农村局", "县人社局", "县教育局", "县卫健局", "乡镇政府", "县供电公司", "县住建局"};
  static final String[] GAPS = {"food", "clothing", "education", "medical", "housing"};

  @Override
  public String name() {
    return "registry";
  }

  /** One household's plan for the demo: where it is now and the changes that led there. */
  static final class Plan {
    String village;
    Tuple row;
    String registeredAs;
    LocalDate registeredOn;
    String status;
    Integer identified;
    Integer exited;
    boolean dibao;
    boolean tekun;
    String removedReason;
    List<String> gaps = new ArrayList<>();
    List<String[]> events = new ArrayList<>(); // {year, from, to, removedReason}
    long id;
  }

  @Override
  public Future<Void> load(SqlConnection db, DemoContext demo) {
    Random r = new Random(20140601L);
    List<String> poor = demo.get("regions.poorVillages");
    return PersonalDataCipher.resolve(db)
        .compose(
            cipher ->
                db.query("SELECT id, dispatched_by FROM regions WHERE help_village ORDER BY id")
                    .execute()
                    .compose(
                        help ->
                            db.query(
                                    "SELECT id, collective_income FROM regions WHERE poor_village ORDER BY id")
                                .execute()
                                .compose(
                                    incomes ->
                                        db.query(
                                                "SELECT DISTINCT village_id FROM users WHERE role = 'village_secretary' "
                                                    + "AND village_id IS NOT NULL ORDER BY village_id")
                                            .execute()
                                            .compose(
                                                secs -> {
                                                  List<String> secretaries = new ArrayList<>();
                                                  secs.forEach(
                                                      s -> secretaries.add(s.getString(0)));
                                                  List<Plan> plans =
                                                      households(r, cipher, poor, secretaries);
                                                  return insertHouseholds(db, plans)
                                                      .compose(v -> insertHistory(db, r, plans))
                                                      .compose(
                                                          v ->
                                                              cadresAndPlans(
                                                                  db, r, cipher, plans, help))
                                                      .compose(v -> incomes(db, r, incomes))
                                                      .compose(
                                                          v -> pending(db, r, plans, secretaries))
                                                      .compose(v -> backfill(db));
                                                }))));
  }

  private static List<Plan> households(
      Random r, PersonalDataCipher cipher, List<String> poor, List<String> secretaries) {
    List<Plan> out = new ArrayList<>();
    int serial = 0;
    for (String v : poor) {
      int n = secretaries.contains(v) ? 30 : 10 + r.nextInt(10);
      for (int i = 0; i < n; i++) {
        out.add(plan(r, cipher, v, serial++));
      }
    }
    return out;
  }

  private static LocalDate day(Random r, int year) {
    return LocalDate.of(year, 3 + r.nextInt(7), 1 + r.nextInt(28));
  }

  private static Plan plan(Random r, PersonalDataCipher cipher, String village, int serial) {
    Plan p = new Plan();
    p.village = village;
    int start = 2014 + r.nextInt(3);
    int roll = r.nextInt(100);
    if (roll < 10) {
      int seen = 2017 + r.nextInt(3);
      p.registeredAs = "marginal";
      p.registeredOn = day(r, seen);
      p.status = "marginal";
      if (roll < 3 && seen < 2019) {
        p.events.add(new String[] {"2019", "marginal", "monitored", null});
        p.status = "monitored";
      }
    } else {
      p.registeredAs = "in_poverty";
      p.registeredOn = day(r, start);
      p.identified = start;
      p.status = "in_poverty";
      if (roll < 25) {
        for (String g : GAPS) {
          if (r.nextInt(5) == 0) {
            p.gaps.add(g);
          }
        }
      } else if (roll < 28) {
        String reason = new String[] {"deceased", "moved", "wrongly_entered"}[r.nextInt(3)];
        p.events.add(
            new String[] {
              "" + (start + 1 + r.nextInt(2019 - start)), "in_poverty", "removed", reason
            });
        p.status = "removed";
        p.removedReason = reason;
      } else {
        int first = Math.max(2016, start + 1);
        int exit = first + r.nextInt(2020 - first);
        p.events.add(new String[] {"" + exit, "in_poverty", "exited", null});
        p.status = "exited";
        p.exited = exit;
        int after = r.nextInt(100);
        if (exit < 2019 && after < 6) {
          p.events.add(new String[] {"" + (exit + 1), "exited", "returned", null});
          p.status = "returned";
          p.gaps.add(GAPS[2 + r.nextInt(3)]);
        } else if (exit < 2019 && after < 14) {
          p.events.add(new String[] {"" + (exit + 1), "exited", "monitored", null});
          p.status = "monitored";
        }
      }
      p.dibao = !p.status.equals("removed") && r.nextInt(10) == 0;
      p.tekun = !p.status.equals("removed") && r.nextInt(30) == 0;
    }
    String county =
        village.substring(0, 6).chars().allMatch(Character::isDigit)
            ? village.substring(0, 6)
            : "350500";
    LocalDate born = LocalDate.of(1945, 1, 1).plusDays((serial / 100) * 373L);
    String id =
        IdNumbers.withCheck(county + born.toString().replace("-", "") + (900 + serial % 100));
    String phone =
        "1" + (3 + r.nextInt(7)) + String.format("%09d", Math.abs(r.nextLong()) % 1_000_000_000L);
    int members = 1 + r.nextInt(6);
    OffsetDateTime created = p.registeredOn.atTime(9, 0).atOffset(ZoneOffset.UTC);
    p.row =
        Tuple.from(
            new Object[] {
              village,
              Names.person(r),
              Buffer.buffer(cipher.encrypt("household.idNumber", id)),
              Buffer.buffer(cipher.digest("household.idNumber", id)),
              Buffer.buffer(cipher.encrypt("household.phone", phone)),
              Buffer.buffer(
                  cipher.encrypt(
                      "household.address", (1 + r.nextInt(9)) + "组" + (1 + r.nextInt(60)) + "号")),
              p.status,
              members,
              r.nextInt(members + 1),
              p.gaps.toArray(String[]::new),
              p.identified == null ? null : p.identified.shortValue(),
              p.exited == null ? null : p.exited.shortValue(),
              p.dibao,
              p.tekun,
              p.removedReason,
              created
            });
    return p;
  }

  private static Future<Void> insertHouseholds(SqlConnection db, List<Plan> plans) {
    return db.preparedQuery(
            """
            INSERT INTO households (village_id, head_name, id_number_enc, id_number_digest, phone_enc, address_enc, status,
                                    members, labour_capacity, gaps, identified_year, exited_year, dibao, tekun,
                                    removed_reason, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16) RETURNING id""")
        .executeBatch(plans.stream().map(p -> p.row).toList())
        .map(
            rows -> {
              List<Long> ids = ids(rows);
              for (int i = 0; i < plans.size(); i++) {
                plans.get(i).id = ids.get(i);
              }
              return null;
            });
  }

  static OffsetDateTime at(LocalDate d, int plusDays) {
    return d.plusDays(plusDays).atTime(10, 0).atOffset(ZoneOffset.UTC);
  }

  /** Each change an effective application, with its steps in the history. */
  private static Future<Void> insertHistory(SqlConnection db, Random r, List<Plan> plans) {
    List<Tuple> apps = new ArrayList<>();
    List<Object[]> owners = new ArrayList<>();
    for (Plan p : plans) {
      for (String[] e : p.events) {
        int year = Integer.parseInt(e[0]);
        LocalDate on = day(r, year);
        long income =
            switch (e[2]) {
              case "exited" -> 4500 + r.nextInt(5000);
              case "returned" -> 1800 + r.nextInt(1800);
              default -> 2500 + r.nextInt(4000);
            };
        String[] unmet =
            e[2].equals("returned")
                ? new String[] {p.gaps.isEmpty() ? "medical" : p.gaps.get(0)}
                : new String[0];
        boolean support = !e[2].equals("removed");
        apps.add(
            Tuple.from(
                new Object[] {
                  p.id,
                  p.village,
                  e[1],
                  e[2],
                  (short) year,
                  e[3],
                  support && p.dibao,
                  support && p.tekun,
                  income,
                  unmet,
                  at(on, 0),
                  at(on, 3),
                  at(on, 8),
                  at(on, 8),
                  at(on, 15),
                  at(on, 16)
                }));
        owners.add(new Object[] {p, e, on});
      }
    }
    Future<List<Long>> ids =
        apps.isEmpty()
            ? Future.succeededFuture(List.of())
            : db.preparedQuery(
                    """
            INSERT INTO status_applications (household_id, village_id, from_status, to_status, year, removed_reason, dibao,
                                             tekun, income_per_head, unmet, state, submitted_at, reviewed_at, approved_at,
                                             published_at, notice_ends, effective_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'effective', $11, $12, $13, $14, $15, $16) RETURNING id""")
                .executeBatch(apps)
                .map(RegistryDemoSection::ids);
    return ids.compose(
        appIds -> {
          List<Tuple> history = new ArrayList<>();
          for (Plan p : plans) {
            history.add(
                Tuple.from(
                    new Object[] {
                      p.id,
                      null,
                      "registered",
                      null,
                      p.registeredAs,
                      p.identified == null ? null : p.identified.shortValue(),
                      "建档立卡",
                      at(p.registeredOn, 0)
                    }));
          }
          for (int i = 0; i < owners.size(); i++) {
            Plan p = (Plan) owners.get(i)[0];
            String[] e = (String[]) owners.get(i)[1];
            LocalDate on = (LocalDate) owners.get(i)[2];
            short year = Short.parseShort(e[0]);
            String[][] steps = {
              {"submitted", "0"}, {"reviewed", "3"}, {"approved", "8"}, {"effective", "16"}
            };
            for (String[] s : steps) {
              history.add(
                  Tuple.from(
                      new Object[] {
                        p.id,
                        appIds.get(i),
                        s[0],
                        e[1],
                        e[2],
                        year,
                        "",
                        at(on, Integer.parseInt(s[1]))
                      }));
            }
          }
          return db.preparedQuery(
                  """
              INSERT INTO household_status_history (household_id, application_id, step, from_status, to_status, year,
                                                    note, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""")
              .executeBatch(history)
              .mapEmpty();
        });
  }

  private static Future<Void> cadresAndPlans(
      SqlConnection db, Random r, PersonalDataCipher cipher, List<Plan> plans, RowSet<Row> help) {
    Map<String, List<Plan>> byVillage = new HashMap<>();
    List<String> order = new ArrayList<>();
    for (Plan p : plans) {
      if (!byVillage.containsKey(p.village)) {
        order.add(p.village);
      }
      byVillage.computeIfAbsent(p.village, k -> new ArrayList<>()).add(p);
    }
    List<Tuple> cadres = new ArrayList<>();
    List<String> cadreVillage = new ArrayList<>();
    OffsetDateTime made = OffsetDateTime.of(2016, 1, 10, 9, 0, 0, 0, ZoneOffset.UTC);
    for (String v : order) {
      int k = Math.max(1, byVillage.get(v).size() / 9);
      for (int i = 0; i < k; i++) {
        boolean township = i % 2 == 1 && v.contains("-T");
        boolean county = !township && i % 3 == 2 && v.contains("-");
        String region =
            township
                ? v.substring(0, v.lastIndexOf('-'))
                : county ? v.substring(0, v.indexOf('-')) : v;
        String phone = "13" + String.format("%09d", Math.abs(r.nextLong()) % 1_000_000_000L);
        cadres.add(
            Tuple.from(
                new Object[] {
                  Names.person(r),
                  township ? "乡镇政府" : UNITS[r.nextInt(UNITS.length)],
                  township ? "township" : county ? "county" : "village",
                  region,
                  Buffer.buffer(cipher.encrypt("cadre.phone", phone)),
                  null,
                  null,
                  made
                }));
        cadreVillage.add(v);
      }
    }
    for (Row h : help) {
      String d = h.getString("dispatched_by");
      cadres.add(
          Tuple.from(
              new Object[] {
                Names.person(r),
                d.equals("county") ? "县直单位" : "市直单位",
                d.equals("county") ? "county" : "city",
                h.getString("id"),
                null,
                h.getString("id"),
                d,
                made
              }));
      cadreVillage.add(null);
    }
    return db.preparedQuery(
            """
            INSERT INTO cadres (name, unit, level, region_id, phone_enc, first_secretary_of, dispatched_by, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id""")
        .executeBatch(cadres)
        .map(RegistryDemoSection::ids)
        .compose(
            cadreIds -> {
              Map<String, List<Long>> ofVillage = new HashMap<>();
              for (int i = 0; i < cadreIds.size(); i++) {
                if (cadreVillage.get(i) != null) {
                  ofVillage
                      .computeIfAbsent(cadreVillage.get(i), k -> new ArrayList<>())
                      .add(cadreIds.get(i));
                }
              }
              List<Tuple> assigned = new ArrayList<>();
              List<Tuple> measures = new ArrayList<>();
              List<Tuple> visits = new ArrayList<>();
              for (String v : order) {
                List<Long> here = ofVillage.get(v);
                int n = 0;
                for (Plan p : byVillage.get(v)) {
                  if (p.status.equals("removed") || r.nextInt(100) < 4) {
                    continue;
                  }
                  long cadre = here.get(n++ % here.size());
                  assigned.add(Tuple.of(p.id, cadre, at(p.registeredOn, 20)));
                  if (!p.status.equals("marginal") && r.nextInt(100) >= 5) {
                    int m = 1 + r.nextInt(3);
                    for (int j = 0; j < m; j++) {
                      String kind = KINDS[r.nextInt(KINDS.length)];
                      String status =
                          p.status.equals("exited")
                              ? "done"
                              : r.nextBoolean() ? "in_progress" : "planned";
                      measures.add(
                          Tuple.of(p.id, kind, TARGETS.get(kind), status, at(p.registeredOn, 30)));
                    }
                  }
                  int seen = r.nextInt(3);
                  for (int j = 0; j < seen; j++) {
                    LocalDate on =
                        LocalDate.of(2018 + r.nextInt(2), 1 + r.nextInt(12), 1 + r.nextInt(28));
                    visits.add(
                        Tuple.of(
                            cadre,
                            p.id,
                            on,
                            new String[] {"入户走访，核实收入", "宣讲帮扶政策", "查看产业项目进度", "协调孩子入学资助", "核实危房改造验收"}
                                [r.nextInt(5)],
                            at(on, 0)));
                  }
                }
              }
              return db.preparedQuery(
                      "INSERT INTO household_cadres (household_id, cadre_id, assigned_at) VALUES ($1, $2, $3)")
                  .executeBatch(assigned)
                  .compose(
                      x ->
                          db.preparedQuery(
                                  """
                      INSERT INTO plan_measures (household_id, kind, target, status, created_at, updated_at)
                      VALUES ($1, $2, $3, $4, $5, $5)""")
                              .executeBatch(measures))
                  .compose(
                      x ->
                          db.preparedQuery(
                                  """
                      INSERT INTO cadre_visits (cadre_id, household_id, visited_on, what, recorded_at)
                      VALUES ($1, $2, $3, $4, $5)""")
                              .executeBatch(visits))
                  .mapEmpty();
            });
  }

  /**
   * Collective incomes 2016–2019 of the poor villages: the regions' figure is taken as 2017's; 2018
   * lifts most hollow villages, 2019 most weak ones; 2019 is not yet verified everywhere.
   * regions.collective_income then follows the latest verified year.
   */
  private static Future<Void> incomes(SqlConnection db, Random r, RowSet<Row> villages) {
    List<Tuple> rows = new ArrayList<>();
    for (Row v : villages) {
      long y2017 = v.getLong("collective_income") == null ? 5000 : v.getLong("collective_income");
      long y2016 = y2017 * (60 + r.nextInt(35)) / 100;
      long y2018 =
          y2017 < 10_000 && r.nextInt(100) < 75
              ? 10_000 + r.nextInt(25_000)
              : y2017 * (105 + r.nextInt(50)) / 100;
      long y2019 =
          y2018 < 30_000 && r.nextInt(100) < 70
              ? 30_000 + r.nextInt(30_000)
              : y2018 * (100 + r.nextInt(30)) / 100;
      long[] amounts = {y2016, y2017, y2018, y2019};
      boolean verified2019 = r.nextInt(100) < 80;
      for (int i = 0; i < 4; i++) {
        int year = 2016 + i;
        OffsetDateTime entered = OffsetDateTime.of(year + 1, 1, 15, 9, 0, 0, 0, ZoneOffset.UTC);
        rows.add(
            Tuple.of(
                v.getString("id"),
                (short) year,
                amounts[i] / 100 * 100,
                entered,
                year < 2019 || verified2019 ? entered.plusDays(20) : null));
      }
    }
    return db.preparedQuery(
            """
            INSERT INTO village_incomes (village_id, year, amount, entered_at, verified_at) VALUES ($1, $2, $3, $4, $5)""")
        .executeBatch(rows)
        .compose(
            x ->
                db.query(
                        """
            UPDATE regions r SET collective_income = (SELECT amount FROM village_incomes i WHERE i.village_id = r.id
                   AND i.verified_at IS NOT NULL ORDER BY year DESC LIMIT 1)
             WHERE r.id IN (SELECT village_id FROM village_incomes)""")
                    .execute())
        .mapEmpty();
  }

  /**
   * Work waiting in the queues: applications submitted, reviewed and in their notice in the
   * secretaries' villages.
   */
  private static Future<Void> pending(
      SqlConnection db, Random r, List<Plan> plans, List<String> secretaries) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    int year = now.getYear();
    List<Tuple> apps = new ArrayList<>();
    List<Object[]> owners = new ArrayList<>();
    for (String v : secretaries) {
      int n = 0;
      for (Plan p : plans) {
        if (!p.village.equals(v) || n >= 6) {
          continue;
        }
        String to =
            p.status.equals("marginal")
                ? "in_poverty"
                : p.status.equals("in_poverty") && p.gaps.isEmpty()
                    ? "exited"
                    : p.status.equals("exited") ? "monitored" : null;
        if (to == null) {
          continue;
        }
        String state =
            new String[] {
                  "submitted", "submitted", "reviewed", "reviewed", "in_notice", "submitted"
                }
                [n++];
        OffsetDateTime sub = now.minusDays(9 - n);
        apps.add(
            Tuple.from(
                new Object[] {
                  p.id,
                  v,
                  p.status,
                  to,
                  (short) year,
                  3000 + r.nextInt(6000),
                  state,
                  sub,
                  state.equals("submitted") ? null : sub.plusDays(1),
                  state.equals("in_notice") ? sub.plusDays(2) : null,
                  state.equals("in_notice") ? sub.plusDays(2) : null,
                  state.equals("in_notice") ? sub.plusDays(9) : null
                }));
        owners.add(new Object[] {p, to, state, sub});
      }
    }
    return db.preparedQuery(
            """
            INSERT INTO status_applications (household_id, village_id, from_status, to_status, year, income_per_head, state,
                                             submitted_at, reviewed_at, approved_at, published_at, notice_ends, note)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, '村民代表评议通过') RETURNING id""")
        .executeBatch(apps)
        .map(RegistryDemoSection::ids)
        .compose(
            ids -> {
              List<Tuple> history = new ArrayList<>();
              for (int i = 0; i < owners.size(); i++) {
                Plan p = (Plan) owners.get(i)[0];
                String to = (String) owners.get(i)[1];
                String state = (String) owners.get(i)[2];
                OffsetDateTime sub = (OffsetDateTime) owners.get(i)[3];
                history.add(
                    Tuple.from(
                        new Object[] {
                          p.id, ids.get(i), "submitted", p.status, to, (short) year, "", sub
                        }));
                if (!state.equals("submitted")) {
                  history.add(
                      Tuple.from(
                          new Object[] {
                            p.id,
                            ids.get(i),
                            "reviewed",
                            p.status,
                            to,
                            (short) year,
                            "",
                            sub.plusDays(1)
                          }));
                }
                if (state.equals("in_notice")) {
                  history.add(
                      Tuple.from(
                          new Object[] {
                            p.id,
                            ids.get(i),
                            "approved",
                            p.status,
                            to,
                            (short) year,
                            "",
                            sub.plusDays(2)
                          }));
                }
              }
              return db.preparedQuery(
                      """
                  INSERT INTO household_status_history (household_id, application_id, step, from_status, to_status, year,
                                                        note, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""")
                  .executeBatch(history)
                  .mapEmpty();
            });
  }

  /**
   * The marketplace's demo households get their registration in the history, and 安溪县 a 回头看 round.
   */
  private static Future<Void> backfill(SqlConnection db) {
    return db.query(
            """
            INSERT INTO household_status_history (household_id, step, to_status, note, at)
            SELECT h.id, 'registered', h.status, '建档立卡', h.created_at FROM households h
             WHERE NOT EXISTS (SELECT 1 FROM household_status_history s WHERE s.household_id = h.id)""")
        .execute()
        .compose(
            x ->
                db.query(
                        """
            INSERT INTO review_rounds (county_id, year, income_line, opened_at)
            SELECT '350524', 2019, 3800, timestamptz '2019-11-01 09:00+00' WHERE EXISTS (SELECT 1 FROM regions WHERE id = '350524')
            RETURNING id""")
                    .execute())
        .compose(
            rows ->
                rows.size() == 0
                    ? Future.succeededFuture()
                    : db.preparedQuery(
                            """
            INSERT INTO review_round_households (round_id, household_id, village_id)
            SELECT $1, h.id, h.village_id FROM households h WHERE h.status = 'exited' AND region_contains('350524', h.village_id)""")
                        .execute(Tuple.of(rows.iterator().next().getLong(0))))
        .mapEmpty();
  }

  static List<Long> ids(RowSet<Row> result) {
    List<Long> out = new ArrayList<>();
    for (RowSet<Row> rs = result; rs != null; rs = rs.next()) {
      rs.forEach(row -> out.add(row.getLong(0)));
    }
    return out;
  }
}
