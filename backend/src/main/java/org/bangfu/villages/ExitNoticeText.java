package org.bangfu.villages;

import org.bangfu.notices.NoticeDraft;
import org.bangfu.notices.NoticeKinds;

/** What the notice of a village's exit says (贫困村退出公示): the village and the criteria it met. */
final class ExitNoticeText {
  private ExitNoticeText() {}

  static NoticeDraft draft(
      long exitId,
      String villageId,
      int year,
      VillageRepository.Place place,
      VillageService.ExitFigures f) {
    return new NoticeDraft(
        NoticeKinds.VILLAGE_EXIT,
        "village_exit",
        Long.toString(exitId),
        villageId,
        place.village() + "贫困村退出（摘帽）公示",
        null,
        place.county() + "审定",
        year
            + " 年：贫困发生率 "
            + f.rate().toPlainString()
            + "%（建档立卡户 "
            + f.households()
            + " 户，其中未脱贫 "
            + f.poor()
            + " 户），村集体经营性收入 "
            + f.income()
            + " 元；道路、安全饮水、电力、卫生室达标",
        place.county() + (place.township() == null ? "" : place.township()) + place.village(),
        null,
        place.village() + "全体村民");
  }
}
