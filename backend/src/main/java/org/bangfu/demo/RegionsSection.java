package org.bangfu.demo;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The region tree. Real: Quanzhou's twelve county-level units with their codes, and the seven
 * mountain-sea pairings with the paired counties' real codes (from the seed work plan). Generated:
 * the townships and villages below them, with 181 provincially registered poor villages, 30 key
 * townships paired with coastal townships, 28 city-dispatched help villages (plus province- and
 * county-dispatched ones), and collective incomes with hollow and weak villages among them.
 */
final class RegionsSection implements DemoSection {

  /**
   * A county-level unit: code, name, townships, villages per township, registered poor villages.
   */
  record County(
      String code, String name, int townships, int villagesEach, int poor, boolean coastal) {}

  static final List<County> QUANZHOU =
      List.of(
          new County("350502", "鲤城区", 5, 2, 0, true),
          new County("350503", "丰泽区", 5, 2, 0, true),
          new County("350504", "洛江区", 4, 5, 12, false),
          new County("350505", "泉港区", 4, 5, 12, false),
          new County("350521", "惠安县", 4, 5, 12, false),
          new County("350524", "安溪县", 8, 8, 50, false),
          new County("350525", "永春县", 6, 7, 32, false),
          new County("350526", "德化县", 6, 7, 32, false),
          new County("350581", "石狮市", 6, 3, 0, true),
          new County("350582", "晋江市", 8, 3, 0, true),
          new County("350583", "南安市", 6, 6, 25, false),
          new County("3505TS", "泉州台商投资区", 6, 2, 6, true));

  /** Mountain-sea pairings (山海协作对口帮扶): Quanzhou unit → paired county, city. */
  record Pairing(String from, String to, String toName, String city, String cityName) {}

  static final List<Pairing> PAIRINGS =
      List.of(
          new Pairing("350502", "350421", "明溪县", "3504", "三明市"),
          new Pairing("350503", "350721", "顺昌县", "3507", "南平市"),
          new Pairing("350505", "350424", "宁化县", "3504", "三明市"),
          new Pairing("350581", "350725", "政和县", "3507", "南平市"),
          new Pairing("350582", "350821", "长汀县", "3508", "龙岩市"),
          new Pairing("350583", "350922", "古田县", "3509", "宁德市"),
          new Pairing("350521", "350723", "光泽县", "3507", "南平市"));

  static final int CITY_HELP_VILLAGES = 28;
  static final int PROVINCE_HELP_VILLAGES = 12;
  static final int COUNTY_HELP_VILLAGES = 40;
  static final int KEY_VILLAGES = 45;
  static final int KEY_TOWNSHIPS = 30;

  private static final String INSERT =
      "INSERT INTO regions (id, parent_id, level, name, sort, "
          + "key_township, poor_village, key_village, help_village, dispatched_by, collective_income) "
          + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";

  /** A village or township while it is being generated. */
  private static final class Node {
    final String id;
    final String parent;
    final String level;
    final String name;
    final int sort;
    boolean keyTownship;
    boolean poor;
    boolean key;
    String dispatchedBy;
    Long income;

    Node(String id, String parent, String level, String name, int sort) {
      this.id = id;
      this.parent = parent;
      this.level = level;
      this.name = name;
      this.sort = sort;
    }

    Tuple tuple() {
      return Tuple.from(
          new Object[] {
            id,
            parent,
            level,
            name,
            sort,
            keyTownship,
            poor,
            key,
            dispatchedBy != null,
            dispatchedBy,
            income
          });
    }
  }

  @Override
  public String name() {
    return "regions";
  }

  @Override
  public Future<Void> load(SqlConnection db, DemoContext demo) {
    Random r = demo.random();
    List<Node> nodes = new ArrayList<>();
    int[] sort = {0};
    nodes.add(new Node("35", null, "province", "福建省", sort[0]++));
    nodes.add(new Node("3505", "35", "city", "泉州市", sort[0]++));

    List<Node> mountainTownships = new ArrayList<>();
    List<Node> coastalTownships = new ArrayList<>();
    List<Node> poorVillages = new ArrayList<>();
    List<String> allVillages = new ArrayList<>();
    for (County c : QUANZHOU) {
      nodes.add(new Node(c.code(), "3505", "county", c.name(), sort[0]++));
      List<Node> villages = new ArrayList<>();
      generate(
          r,
          c.code(),
          c.townships(),
          c.villagesEach(),
          nodes,
          villages,
          c.coastal() ? coastalTownships : mountainTownships,
          sort);
      List<Node> shuffled = new ArrayList<>(villages);
      Collections.shuffle(shuffled, r);
      for (int i = 0; i < c.poor(); i++) {
        shuffled.get(i).poor = true;
        poorVillages.add(shuffled.get(i));
      }
      villages.forEach(
          v -> {
            v.income = income(r, v.poor);
            allVillages.add(v.id);
          });
    }

    // help villages and key villages among the poor ones
    List<Node> poorShuffled = new ArrayList<>(poorVillages);
    Collections.shuffle(poorShuffled, r);
    int i = 0;
    for (; i < CITY_HELP_VILLAGES; i++) {
      poorShuffled.get(i).dispatchedBy = "city";
    }
    for (; i < CITY_HELP_VILLAGES + PROVINCE_HELP_VILLAGES; i++) {
      poorShuffled.get(i).dispatchedBy = "province";
    }
    for (; i < CITY_HELP_VILLAGES + PROVINCE_HELP_VILLAGES + COUNTY_HELP_VILLAGES; i++) {
      poorShuffled.get(i).dispatchedBy = "county";
    }
    Collections.shuffle(poorShuffled, r);
    poorShuffled.stream().limit(KEY_VILLAGES).forEach(v -> v.key = true);

    // key townships (重点乡镇), each paired with a coastal township
    List<Node> keyTownships = new ArrayList<>(mountainTownships);
    Collections.shuffle(keyTownships, r);
    keyTownships = keyTownships.subList(0, KEY_TOWNSHIPS);
    keyTownships.forEach(t -> t.keyTownship = true);

    // the paired counties outside Quanzhou, a few townships and villages each
    Set<String> cities = new HashSet<>();
    List<String> pairedVillages = new ArrayList<>();
    for (Pairing p : PAIRINGS) {
      if (cities.add(p.city())) {
        nodes.add(new Node(p.city(), "35", "city", p.cityName(), sort[0]++));
      }
      nodes.add(new Node(p.to(), p.city(), "county", p.toName(), sort[0]++));
      List<Node> villages = new ArrayList<>();
      generate(r, p.to(), 2, 3, nodes, villages, new ArrayList<>(), sort);
      for (Node v : villages) {
        v.income = income(r, true);
        v.key = r.nextInt(3) == 0;
        pairedVillages.add(v.id);
      }
    }

    List<Tuple> pairings = new ArrayList<>();
    PAIRINGS.forEach(p -> pairings.add(Tuple.of(p.from(), p.to(), "mountain_sea")));
    for (int k = 0; k < keyTownships.size(); k++) {
      pairings.add(
          Tuple.of(
              coastalTownships.get(k % coastalTownships.size()).id,
              keyTownships.get(k).id,
              "township"));
    }

    demo.put("regions.villages", List.copyOf(allVillages));
    demo.put("regions.poorVillages", poorVillages.stream().map(v -> v.id).toList());
    demo.put("regions.pairedVillages", List.copyOf(pairedVillages));
    demo.put("regions.pairings", PAIRINGS);

    return db.preparedQuery(INSERT)
        .executeBatch(nodes.stream().map(Node::tuple).toList())
        .compose(
            v ->
                db.preparedQuery(
                        "INSERT INTO region_pairings (from_id, to_id, kind) VALUES ($1, $2, $3)")
                    .executeBatch(pairings))
        .mapEmpty();
  }

  private static void generate(
      Random r,
      String county,
      int townships,
      int villagesEach,
      List<Node> nodes,
      List<Node> villages,
      List<Node> townshipsOut,
      int[] sort) {
    Set<String> townshipNames = new HashSet<>();
    for (int t = 1; t <= townships; t++) {
      String tid = String.format("%s-T%02d", county, t);
      Node township =
          new Node(
              tid,
              county,
              "township",
              Names.place(r, r.nextInt(4) == 0 ? "乡" : "镇", townshipNames),
              sort[0]++);
      nodes.add(township);
      townshipsOut.add(township);
      Set<String> villageNames = new HashSet<>();
      int count = Math.max(1, villagesEach + r.nextInt(3) - 1);
      for (int v = 1; v <= count; v++) {
        Node village =
            new Node(
                String.format("%s-V%02d", tid, v),
                tid,
                "village",
                Names.place(r, "村", villageNames),
                sort[0]++);
        nodes.add(village);
        villages.add(village);
      }
    }
  }

  /** 村集体经营性收入: poor villages are often hollow (< 10,000) or weak (< 30,000). */
  private static long income(Random r, boolean poor) {
    int roll = r.nextInt(100);
    long yuan;
    if (poor) {
      yuan =
          roll < 20
              ? 2_000 + r.nextInt(8_000)
              : roll < 55 ? 10_000 + r.nextInt(20_000) : 30_000 + r.nextInt(120_000);
    } else {
      yuan =
          roll < 3
              ? 3_000 + r.nextInt(7_000)
              : roll < 12 ? 10_000 + r.nextInt(20_000) : 30_000 + r.nextInt(770_000);
    }
    return yuan / 100 * 100;
  }
}
