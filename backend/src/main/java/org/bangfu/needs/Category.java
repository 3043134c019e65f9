package org.bangfu.needs;

import java.util.List;

/**
 * The kinds of help, which are the categories of needs and what pledges may be limited to: industry
 * (产业), employment (就业), relocation (搬迁), housing renovation (危房改造), education (教育), health (健康),
 * ecology (生态), training (雨露计划), micro-credit (小额信贷), e-commerce (电商), tourism (旅游), village
 * collective economy (村集体经济), infrastructure, public services. The schema's {@code need_category}
 * domain holds the same list.
 */
public final class Category {
  public static final List<String> ALL =
      List.of(
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
          "public_service");

  private Category() {}
}
