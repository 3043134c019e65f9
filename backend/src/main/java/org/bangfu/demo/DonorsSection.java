package org.bangfu.demo;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Donors of every kind with invented names: enterprises, chambers of commerce, overseas Chinese
 * (with their hometown villages) and individuals; their enrolments in the campaigns and the
 * villages they pair with (百企帮百村 and the others, and the mountain-sea pairing).
 */
final class DonorsSection implements DemoSection {

  private static final List<String> FIRMS =
      List.of(
          "泉兴", "闽晋", "华侨", "鸿达", "恒昌", "锦绣", "宏源", "盛隆", "嘉禾", "永丰", "海丝", "刺桐", "清源", "启航", "瑞祥",
          "德盛", "联发", "安泰", "金山", "东海", "顺和", "裕丰", "亿利", "新港", "天成", "中和", "博远", "腾飞", "海峡", "福源");
  private static final List<String> TRADES =
      List.of("鞋业", "纺织", "茶业", "石材", "食品", "建材", "陶瓷", "服装", "电子", "物流", "工艺", "伞业");
  private static final List<String> CHAMBER_CITIES =
      List.of("上海", "北京", "深圳", "广州", "厦门", "福州", "天津", "重庆", "武汉", "杭州");
  private static final List<String> COUNTRIES =
      List.of("菲律宾", "新加坡", "马来西亚", "印度尼西亚", "泰国", "缅甸", "中国香港", "中国澳门");
  private static final List<String> COASTAL =
      List.of("350582", "350581", "350503", "350502", "350521", "3505TS");
  private static final List<String> HOMETOWN_COUNTIES =
      List.of("350524", "350525", "350526", "350583", "350582");

  static final int ENTERPRISES = 30;
  static final int CHAMBERS = 10;
  static final int OVERSEAS = 14;
  static final int INDIVIDUALS = 8;

  private record Donor(
      String name,
      String type,
      String homeCounty,
      String hometownVillage,
      String country,
      boolean verified) {

    Tuple tuple() {
      String township =
          hometownVillage == null
              ? null
              : hometownVillage.substring(0, hometownVillage.lastIndexOf('-'));
      String county = township == null ? null : township.substring(0, township.lastIndexOf('-'));
      return Tuple.from(
          new Object[] {
            name, type, homeCounty, county, township, hometownVillage, country, verified
          });
    }
  }

  @Override
  public String name() {
    return "donors";
  }

  @Override
  public Future<Void> load(SqlConnection db, DemoContext demo) {
    Random r = demo.random();
    List<String> poor = demo.get("regions.poorVillages");
    List<Donor> donors = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    while (donors.size() < ENTERPRISES) {
      String n =
          Names.pick(r, FIRMS) + Names.pick(r, TRADES) + (r.nextBoolean() ? "有限公司" : "股份有限公司");
      if (names.add(n)) {
        donors.add(
            new Donor(
                "泉州" + n, "enterprise", Names.pick(r, COASTAL), null, null, r.nextInt(10) > 0));
      }
    }
    for (int i = 0; i < CHAMBERS; i++) {
      String county = Names.pick(r, List.of("晋江", "石狮", "南安", "安溪", "惠安", "泉州"));
      donors.add(
          new Donor(CHAMBER_CITIES.get(i) + county + "商会", "chamber", null, null, null, true));
    }
    for (int i = 0; i < OVERSEAS; i++) {
      String village = hometownVillage(r, poor);
      String country = Names.pick(r, COUNTRIES);
      String name =
          i % 3 == 0 ? country + Names.surname(r) + "氏宗亲会" : Names.person(r) + "（" + country + "）";
      donors.add(new Donor(name, "overseas", null, village, country, r.nextInt(5) > 0));
    }
    for (int i = 0; i < INDIVIDUALS; i++) {
      donors.add(
          new Donor(
              Names.person(r), "individual", Names.pick(r, COASTAL), null, null, r.nextBoolean()));
    }

    return db.preparedQuery(
            "INSERT INTO donors (name, type, home_county, hometown_county, "
                + "hometown_township, hometown_village, country, verified) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
                + "RETURNING id")
        .executeBatch(donors.stream().map(Donor::tuple).toList())
        .compose(
            rows -> {
              List<Long> ids = new ArrayList<>();
              for (var rs = rows; rs != null; rs = rs.next()) {
                rs.forEach(row -> ids.add(row.getLong("id")));
              }
              return enrol(db, demo, r, donors, ids, poor);
            });
  }

  /** Poor villages in the counties overseas Chinese mostly come from. */
  private static String hometownVillage(Random r, List<String> poor) {
    List<String> candidates =
        poor.stream().filter(v -> HOMETOWN_COUNTIES.stream().anyMatch(v::startsWith)).toList();
    return Names.pick(r, candidates.isEmpty() ? poor : candidates);
  }

  private Future<Void> enrol(
      SqlConnection db,
      DemoContext demo,
      Random r,
      List<Donor> donors,
      List<Long> ids,
      List<String> poor) {
    long bqbbc = demo.<Long>get("campaign.bqbbc");
    long bhfbc = demo.<Long>get("campaign.bhfbc");
    long bqzbc = demo.<Long>get("campaign.bqzbc");
    long shxz = demo.<Long>get("campaign.shxz");
    List<RegionsSection.Pairing> pairings = demo.get("regions.pairings");
    List<String> pairedVillages = demo.get("regions.pairedVillages");

    List<Tuple> enrolments = new ArrayList<>();
    List<Tuple> pairs = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    List<Long> byType = new ArrayList<>();
    for (int i = 0; i < donors.size(); i++) {
      Donor d = donors.get(i);
      long id = ids.get(i);
      switch (d.type()) {
        case "enterprise" -> {
          enrolments.add(Tuple.of(bqbbc, id));
          for (int k = 1 + r.nextInt(3); k > 0; k--) {
            pair(pairs, seen, bqbbc, id, Names.pick(r, poor));
          }
          // an enterprise of a coastal unit with a mountain-sea partner also helps that county
          for (RegionsSection.Pairing p : pairings) {
            if (p.from().equals(d.homeCounty()) && r.nextBoolean()) {
              enrolments.add(Tuple.of(shxz, id));
              pairedVillages.stream()
                  .filter(v -> v.startsWith(p.to()))
                  .findFirst()
                  .ifPresent(v -> pair(pairs, seen, shxz, id, v));
            }
          }
        }
        case "chamber" -> {
          enrolments.add(Tuple.of(bhfbc, id));
          for (int k = 2 + r.nextInt(3); k > 0; k--) {
            pair(pairs, seen, bhfbc, id, Names.pick(r, poor));
          }
        }
        case "overseas" -> {
          enrolments.add(Tuple.of(bqzbc, id));
          pair(pairs, seen, bqzbc, id, d.hometownVillage());
        }
        default -> {
          if (r.nextInt(3) == 0) {
            enrolments.add(Tuple.of(bqbbc, id));
          }
        }
      }
      byType.add(id);
    }
    demo.put("donors.all", List.copyOf(ids));
    for (String type : List.of("enterprise", "chamber", "overseas", "individual")) {
      List<Long> of = new ArrayList<>();
      for (int i = 0; i < donors.size(); i++) {
        if (donors.get(i).type().equals(type)) {
          of.add(ids.get(i));
        }
      }
      demo.put("donors." + type, List.copyOf(of));
    }
    return db.preparedQuery(
            "INSERT INTO campaign_enrolments (campaign_id, donor_id, enrolled_at) "
                + "VALUES ($1, $2, TIMESTAMPTZ '2018-03-01 09:00:00+08') ON CONFLICT DO NOTHING")
        .executeBatch(enrolments)
        .compose(
            v ->
                pairs.isEmpty()
                    ? Future.succeededFuture()
                    : db.preparedQuery(
                            "INSERT INTO campaign_pairings (campaign_id, donor_id, village_id, paired_at) "
                                + "VALUES ($1, $2, $3, TIMESTAMPTZ '2018-03-15 09:00:00+08')")
                        .executeBatch(pairs))
        .mapEmpty();
  }

  private static void pair(
      List<Tuple> pairs, Set<String> seen, long campaign, long donor, String village) {
    if (seen.add(campaign + "/" + donor + "/" + village)) {
      pairs.add(Tuple.of(campaign, donor, village));
    }
  }
}
