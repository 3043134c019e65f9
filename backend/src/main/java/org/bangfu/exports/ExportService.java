package org.bangfu.exports;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bangfu.auth.CurrentUser;
import org.bangfu.board.BoardRepository;
import org.bangfu.board.BoardService;
import org.bangfu.funds.FundRepository;
import org.bangfu.funds.FundService;
import org.bangfu.notices.NoticeRepository;
import org.bangfu.notices.NoticeService;
import org.bangfu.supervision.SupervisionRepository;
import org.bangfu.supervision.SupervisionService;

/**
 * The tables behind the .xlsx downloads, each from the same filtered query as its list on screen,
 * with Chinese column names and values. At most {@link #MAX_ROWS} rows.
 */
public final class ExportService {
  public static final int MAX_ROWS = 20_000;
  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  static final Map<String, String> NOTICE_KIND =
      Map.of(
          "project_approved",
          "项目立项公示",
          "project_accepted",
          "项目验收公示",
          "allocation_verified",
          "捐赠到位公示",
          "household_status",
          "贫困户动态调整公示",
          "village_exit",
          "贫困村退出公示",
          "monitor_identification",
          "监测对象识别公示",
          "monitor_closure",
          "风险消除公示");
  static final Map<String, String> NOTICE_STATUS =
      Map.of("open", "公示中", "held", "有异议待答复", "closed", "公示期满", "withdrawn", "已撤回");
  static final Map<String, String> SOURCE =
      Map.of(
          "city",
          "市级财政",
          "province",
          "省级财政",
          "county",
          "县级财政",
          "paired_county",
          "山海协作对口资金",
          "campaign",
          "社会帮扶活动");
  static final Map<String, String> PROJECT_STATUS =
      Map.of("planned", "已立项待审批", "approved", "已审批", "in_progress", "实施中", "accepted", "已验收");
  static final Map<String, String> PROCUREMENT =
      Map.of(
          "public_tender",
          "公开招标",
          "invited_tender",
          "邀请招标",
          "competitive_negotiation",
          "竞争性谈判",
          "inquiry",
          "询价",
          "single_source",
          "单一来源",
          "self_built",
          "村民自建");
  static final Map<String, String> ALERT_STATUS =
      Map.of("open", "待处理", "explained", "已说明", "closed", "已办结");
  static final Map<String, String> RULE =
      Map.ofEntries(
          Map.entry("allocation_not_delivered", "确认后逾期未送达"),
              Map.entry("allocation_not_received", "送达后逾期未签收"),
          Map.entry("receipt_without_evidence", "签收无凭证"),
              Map.entry("allocation_not_verified", "签收后逾期未核实"),
          Map.entry("project_without_progress", "拨付后长期未报进度"),
              Map.entry("project_overdue", "项目超过计划完成日期"),
          Map.entry("household_many_sources", "一户多头受助超过限额"),
              Map.entry("programme_ahead", "资金支出快于进度"),
          Map.entry("programme_behind", "资金支出慢于进度"), Map.entry("pledge_expiring", "认捐即将到期未使用"));
  static final Map<String, String> ALLOCATION_STATUS =
      Map.of(
          "proposed",
          "待确认",
          "confirmed",
          "已确认",
          "declined",
          "已谢绝",
          "delivered",
          "已送达",
          "received",
          "已签收",
          "verified",
          "已核实",
          "expired",
          "已过期");
  static final Map<String, String> CATEGORY =
      Map.ofEntries(
          Map.entry("industry", "产业"),
          Map.entry("employment", "就业"),
          Map.entry("relocation", "搬迁"),
          Map.entry("housing", "危房改造"),
          Map.entry("education", "教育"),
          Map.entry("health", "健康"),
          Map.entry("ecology", "生态"),
          Map.entry("training", "雨露计划"),
          Map.entry("microcredit", "小额信贷"),
          Map.entry("ecommerce", "电商"),
          Map.entry("tourism", "旅游"),
          Map.entry("collective", "村集体经济"),
          Map.entry("infrastructure", "基础设施"),
          Map.entry("public_service", "公共服务"));

  private final Pool pool;
  private final BoardService board;
  private final NoticeService notices;
  private final FundService funds;
  private final SupervisionService alerts;
  private final ExportRepository repo;

  public ExportService(
      Pool pool,
      BoardService board,
      NoticeService notices,
      FundService funds,
      SupervisionService alerts,
      ExportRepository repo) {
    this.pool = pool;
    this.board = board;
    this.notices = notices;
    this.funds = funds;
    this.alerts = alerts;
    this.repo = repo;
  }

  public Future<Sheet> notices(NoticeRepository.Filter f) {
    return notices
        .all(f, MAX_ROWS)
        .map(
            list ->
                sheet(
                    "公告公示",
                    List.of(
                        "编号",
                        "类别",
                        "标题",
                        "县（市、区）",
                        "地点",
                        "金额（元）",
                        "资金来源",
                        "用途",
                        "实施单位或捐赠方",
                        "受益对象",
                        "发布时间",
                        "公示截止",
                        "状态",
                        "异议数"),
                    list,
                    n ->
                        List.of(
                            n.id(),
                            word(NOTICE_KIND, n.kind()),
                            n.title(),
                            nz(n.countyName()),
                            nz(n.place()),
                            amount(n.amount()),
                            nz(n.source()),
                            nz(n.purpose()),
                            nz(n.implementer()),
                            nz(n.beneficiaries()),
                            time(n.publishedAt()),
                            time(n.windowEndsAt()),
                            word(NOTICE_STATUS, n.status().wire()),
                            n.objections())));
  }

  /** The public board with its filters: verified help, newest first; nothing about households. */
  public Future<Sheet> board(BoardRepository.Filter f) {
    return board
        .all(f, MAX_ROWS)
        .map(
            list ->
                sheet(
                    "公示台账",
                    List.of("编号", "县（市、区）", "村", "帮扶项目", "类别", "捐赠方", "数量", "单位", "核实时间", "公示编号"),
                    list,
                    e ->
                        Arrays.asList(
                            e.id(),
                            nz(e.countyName()),
                            e.villageName(),
                            e.needTitle(),
                            word(CATEGORY, e.category()),
                            e.donorName(),
                            e.quantity(),
                            unit(e.unit()),
                            time(e.verifiedAt()),
                            e.noticeId())));
  }

  public Future<Sheet> programmes(FundRepository.ProgrammeFilter f) {
    return funds
        .allProgrammes(f, MAX_ROWS)
        .map(
            list ->
                sheet(
                    "资金项目计划",
                    List.of(
                        "编号",
                        "名称",
                        "资金来源",
                        "出资单位",
                        "用途类别",
                        "年度",
                        "预算（元）",
                        "已安排到项目（元）",
                        "已拨付（元）",
                        "结余（元）",
                        "开始日期",
                        "结束日期"),
                    list,
                    g ->
                        List.of(
                            g.id(),
                            g.name(),
                            word(SOURCE, g.source()),
                            nz(
                                g.sourceRegionName() != null
                                    ? g.sourceRegionName()
                                    : g.campaignName()),
                            word(CATEGORY, g.category()),
                            g.year(),
                            g.budget(),
                            g.allocated(),
                            g.disbursed(),
                            g.left(),
                            g.startsOn().toString(),
                            g.endsOn().toString())));
  }

  public Future<Sheet> projects(FundRepository.ProjectFilter f) {
    return funds
        .allProjects(f, MAX_ROWS)
        .map(
            list ->
                sheet(
                    "项目",
                    List.of(
                        "编号", "项目名称", "县（市、区）", "村（地点）", "类别", "预算（元）", "已安排（元）", "已拨付（元）", "实施单位",
                        "采购方式", "计划开工", "计划完工", "状态", "进度（%）"),
                    list,
                    p ->
                        List.of(
                            p.id(),
                            p.name(),
                            nz(p.countyName()),
                            nz(p.regionName()),
                            word(CATEGORY, p.category()),
                            p.budget(),
                            p.allocated(),
                            p.disbursed(),
                            p.implementer(),
                            word(PROCUREMENT, p.procurement()),
                            p.plannedStart().toString(),
                            p.plannedEnd().toString(),
                            word(PROJECT_STATUS, p.status().wire()),
                            p.progress())));
  }

  public Future<Sheet> alerts(SupervisionRepository.Filter f) {
    return alerts
        .all(f, MAX_ROWS)
        .map(
            list ->
                sheet(
                    "监管预警",
                    List.of(
                        "编号", "预警规则", "对象", "县（市、区）", "地点", "发现时间", "状态", "处理说明", "处理人", "处理时间"),
                    list,
                    a ->
                        List.of(
                            a.id(),
                            word(RULE, a.rule()),
                            a.title(),
                            nz(a.countyName()),
                            nz(a.regionName()),
                            time(a.raisedAt()),
                            word(ALERT_STATUS, a.status().wire()),
                            nz(a.note()),
                            nz(a.handledBy()),
                            time(a.handledAt()))));
  }

  public Future<Sheet> allocations(CurrentUser user, ExportRepository.AllocationFilter f) {
    return repo.allocations(pool, user, f, MAX_ROWS)
        .map(
            list ->
                sheet(
                    "帮扶分配",
                    List.of(
                        "编号", "需求", "县（市、区）", "村", "类别", "帮扶方", "单位", "数量", "状态", "来源", "创建时间",
                        "核实时间"),
                    list,
                    a ->
                        List.of(
                            a.id(),
                            a.needTitle(),
                            nz(a.county()),
                            a.village(),
                            word(CATEGORY, a.category()),
                            a.donor(),
                            unit(a.unit()),
                            a.quantity(),
                            word(ALLOCATION_STATUS, a.status()),
                            a.source().equals("round") ? "撮合轮次" : "认领",
                            time(a.createdAt()),
                            time(a.verifiedAt()))));
  }

  public Future<Sheet> campaignProgress(long campaignId) {
    return repo.progress(pool, campaignId)
        .map(
            list ->
                sheet(
                    "活动进展",
                    List.of("县（市、区）", "单位", "已分配", "已确认", "已送达", "已签收", "已核实", "受助村数", "帮扶方数"),
                    list,
                    r ->
                        List.of(
                            nz(r.countyName()),
                            unit(r.unit()),
                            r.allocated(),
                            r.confirmed(),
                            r.delivered(),
                            r.received(),
                            r.verified(),
                            r.villages(),
                            r.donors())));
  }

  static String unit(String unit) {
    return switch (unit) {
      case "CNY" -> "元";
      case "job" -> "就业岗位";
      case "training-place" -> "培训名额";
      default -> unit.startsWith("item:") ? "物资：" + unit.substring(5) : unit;
    };
  }

  private static <T> Sheet sheet(
      String name,
      List<String> columns,
      List<T> items,
      java.util.function.Function<T, List<Object>> row) {
    List<List<Object>> rows = new ArrayList<>();
    for (T t : items) {
      rows.add(row.apply(t));
    }
    return new Sheet(name, columns, rows);
  }

  private static String word(Map<String, String> words, String key) {
    return key == null ? "" : words.getOrDefault(key, key);
  }

  private static Object amount(Long v) {
    return v == null ? "" : v;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static String time(OffsetDateTime t) {
    return t == null ? "" : t.atZoneSameInstant(CHINA).format(DAY_TIME);
  }
}
