package org.bangfu.demo;

import java.util.List;
import java.util.Random;
import java.util.Set;

/** Invented but plausible Minnan place and person names, from a seeded random. */
final class Names {

  private static final List<String> FIRST =
      List.of(
          "龙", "湖", "东", "西", "南", "北", "金", "桃", "凤", "蓬", "官", "祥", "虎", "剑", "大", "福", "美", "山",
          "溪", "长", "坑", "新", "华", "玉", "光", "德", "安", "仙", "云", "石", "霞", "林", "梧", "芦", "后", "前",
          "上", "下", "坂", "洪", "吾", "珍", "岭", "尚", "蓝", "清", "丰", "崎");
  private static final List<String> SECOND =
      List.of(
          "门", "头", "坂", "山", "溪", "田", "洋", "埔", "口", "坑", "岭", "厝", "洲", "浦", "塘", "峰", "岩", "阳",
          "美", "林", "宅", "亭", "兜", "尾", "格", "内", "中", "圳", "楼", "寨", "垵", "墩");
  private static final List<String> SURNAMES =
      List.of("陈", "林", "黄", "王", "李", "张", "吴", "蔡", "许", "郑", "苏", "洪", "庄", "施", "杨", "刘");
  private static final List<String> GIVEN =
      List.of(
          "志明", "文华", "建国", "丽华", "金水", "秀英", "德明", "俊杰", "美玲", "国栋", "宝珠", "清泉", "振南", "惠芳", "荣发",
          "雅琪", "炳煌", "淑贞", "家豪", "春生");

  private Names() {}

  /** A two-character place name plus suffix, not yet in {@code taken} (which it joins). */
  static String place(Random r, String suffix, Set<String> taken) {
    for (int i = 0; i < 1000; i++) {
      String n = FIRST.get(r.nextInt(FIRST.size())) + SECOND.get(r.nextInt(SECOND.size())) + suffix;
      if (taken.add(n)) {
        return n;
      }
    }
    throw new IllegalStateException("ran out of names");
  }

  static String person(Random r) {
    return SURNAMES.get(r.nextInt(SURNAMES.size())) + GIVEN.get(r.nextInt(GIVEN.size()));
  }

  static String surname(Random r) {
    return SURNAMES.get(r.nextInt(SURNAMES.size()));
  }

  static <T> T pick(Random r, List<T> list) {
    return list.get(r.nextInt(list.size()));
  }
}
