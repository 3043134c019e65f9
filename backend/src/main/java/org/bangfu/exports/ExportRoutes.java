package org.bangfu.exports;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.board.BoardRoutes;
import org.bangfu.funds.FundRoutes;
import org.bangfu.http.Params;
import org.bangfu.http.RouteModule;
import org.bangfu.notices.NoticeRoutes;
import org.bangfu.supervision.SupervisionRoutes;

/**
 * .xlsx downloads under {@code /exports}, each with the filters (and the scope) of its list on
 * screen: notices (public), programmes, projects, alerts, allocations, campaign progress. The
 * workbook is written by fastexcel on a worker thread straight into the chunked response.
 */
public final class ExportRoutes implements RouteModule {
  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  static final Role[] OFFICIALS = {
    Role.VILLAGE_SECRETARY, Role.REVIEWER, Role.UNITED_FRONT, Role.AUDITOR, Role.ADMIN
  };
  static final List<String> ALLOCATION_STATUSES =
      List.of("proposed", "confirmed", "declined", "delivered", "received", "verified", "expired");

  private final Vertx vertx;
  private final ExportService exports;

  public ExportRoutes(Vertx vertx, ExportService exports) {
    this.vertx = vertx;
    this.exports = exports;
  }

  @Override
  public void mount(Router api) {
    api.get("/exports/notices.xlsx")
        .handler(
            RouteModule.handle(
                ctx -> send(ctx, exports.notices(NoticeRoutes.filter(Params.of(ctx))), "公告公示")));
    api.get("/exports/board.xlsx")
        .handler(
            RouteModule.handle(
                ctx -> send(ctx, exports.board(BoardRoutes.filter(Params.of(ctx))), "公示台账")));
    api.get("/exports/programmes.xlsx")
        .handler(
            RouteModule.handle(
                ctx -> {
                  Access.require(ctx, OFFICIALS);
                  return send(
                      ctx,
                      exports.programmes(FundRoutes.programmeFilter(Params.of(ctx))),
                      "资金项目计划");
                }));
    api.get("/exports/projects.xlsx")
        .handler(
            RouteModule.handle(
                ctx -> {
                  CurrentUser user = Access.require(ctx, OFFICIALS);
                  return send(
                      ctx, exports.projects(FundRoutes.projectFilter(user, Params.of(ctx))), "项目");
                }));
    api.get("/exports/alerts.xlsx")
        .handler(
            RouteModule.handle(
                ctx -> {
                  CurrentUser user =
                      Access.require(
                          ctx, Role.REVIEWER, Role.UNITED_FRONT, Role.AUDITOR, Role.ADMIN);
                  return send(
                      ctx, exports.alerts(SupervisionRoutes.filter(user, Params.of(ctx))), "监管预警");
                }));
    api.get("/exports/allocations.xlsx")
        .handler(
            RouteModule.handle(
                ctx -> {
                  CurrentUser user = Access.signedIn(ctx);
                  Params q = Params.of(ctx);
                  String village = q.optionalString("villageId", 40).orElse(null);
                  String county = q.optionalString("county", 40).orElse(null);
                  Access.requireRegionInReach(user, village);
                  Access.requireRegionInReach(user, county);
                  var f =
                      new ExportRepository.AllocationFilter(
                          q.optionalEnum("status", ALLOCATION_STATUSES).orElse(null),
                          q.optionalLong("donorId", 1, Long.MAX_VALUE).orElse(null),
                          village,
                          county);
                  return send(ctx, exports.allocations(user, f), "帮扶分配");
                }));
    api.get("/exports/campaigns/:id/progress.xlsx")
        .handler(
            RouteModule.handle(
                ctx -> {
                  Access.require(ctx, Role.UNITED_FRONT, Role.AUDITOR, Role.ADMIN);
                  return send(ctx, exports.campaignProgress(Params.of(ctx).pathId("id")), "活动进展");
                }));
  }

  private Future<?> send(RoutingContext ctx, Future<Sheet> sheet, String name) {
    return sheet.compose(
        s -> {
          String file = name + ".xlsx";
          HttpServerResponse res =
              ctx.response()
                  .setChunked(true)
                  .putHeader("Content-Type", XLSX)
                  .putHeader(
                      "Content-Disposition",
                      "attachment; filename=\"export.xlsx\"; filename*=UTF-8''"
                          + URLEncoder.encode(file, StandardCharsets.UTF_8).replace("+", "%20"))
                  .putHeader("Cache-Control", "no-store");
          return vertx
              .executeBlocking(
                  () -> {
                    try (OutputStream out = new ResponseStream(res)) {
                      XlsxWriter.write(s, out);
                    }
                    return null;
                  },
                  false)
              .compose(v -> res.end());
        });
  }

  /** Passes the bytes to the response in 64 KB chunks. */
  static final class ResponseStream extends OutputStream {
    private final HttpServerResponse res;
    private final byte[] buf = new byte[64 * 1024];
    private int n;

    ResponseStream(HttpServerResponse res) {
      this.res = res;
    }

    @Override
    public void write(int b) throws IOException {
      if (n == buf.length) {
        flush();
      }
      buf[n++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      while (len > 0) {
        if (n == buf.length) {
          flush();
        }
        int k = Math.min(len, buf.length - n);
        System.arraycopy(b, off, buf, n, k);
        n += k;
        off += k;
        len -= k;
      }
    }

    @Override
    public void flush() {
      if (n > 0) {
        res.write(Buffer.buffer(Arrays.copyOf(buf, n)));
        n = 0;
      }
    }

    @Override
    public void close() {
      flush();
    }
  }
}
