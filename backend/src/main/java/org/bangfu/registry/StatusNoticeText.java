package org.bangfu.registry;

import org.bangfu.notices.NoticeDraft;
import org.bangfu.notices.NoticeKinds;

/**
 * What the public notice of a status change says (贫困户动态调整公示): the village, the change and its year,
 * the county's decision — never who (a notice names a household by its village only, so no name, ID
 * number, phone or health detail leaves; the village's own board shows more).
 */
final class StatusNoticeText {
  private StatusNoticeText() {}

  static NoticeDraft draft(StatusApplication a, StatusApplicationRepository.Place place) {
    String village = place.village();
    return new NoticeDraft(
        NoticeKinds.HOUSEHOLD_STATUS,
        "status_application",
        Long.toString(a.id()),
        a.villageId(),
        village + title(a.toStatus(), a.registration()),
        null,
        place.county() + "审定",
        word(a.fromStatus()) + " → " + word(a.toStatus()) + "（" + a.year() + " 年）",
        join(place.county(), place.township(), village),
        null,
        village + " 1 户");
  }

  private static String title(String to, boolean registration) {
    return switch (to) {
      case "in_poverty" -> registration ? "贫困户识别纳入公示" : "贫困户识别公示";
      case "exited" -> "贫困户退出公示";
      case "returned" -> "返贫户认定公示";
      case "marginal" -> "边缘易致贫户认定公示";
      case "monitored" -> "监测户认定公示";
      case "removed" -> "建档立卡户清退公示";
      default -> "建档立卡户动态调整公示";
    };
  }

  static String word(String status) {
    return switch (status) {
      case "applicant" -> "申请纳入";
      case "in_poverty" -> "贫困户";
      case "new" -> "新识别贫困户";
      case "exited" -> "脱贫户";
      case "returned" -> "返贫户";
      case "marginal" -> "边缘易致贫户";
      case "monitored" -> "监测户";
      case "cleared" -> "风险消除户";
      case "removed" -> "清退";
      default -> status;
    };
  }

  private static String join(String... parts) {
    StringBuilder b = new StringBuilder();
    for (String p : parts) {
      if (p != null) {
        b.append(p);
      }
    }
    return b.toString();
  }
}
