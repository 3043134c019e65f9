package org.bangfu.monitor;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.http.Body;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;
import org.bangfu.support.DomainException;

/**
 * Departments' warnings: {@code POST /monitor/warning-files} takes a CSV or .xlsx file as the
 * request's body (the department and the file's name as query parameters), {@code POST
 * /monitor/warnings} rows as JSON from a department's system; both answer the batch's figures and
 * every refused row with its field and reason. {@code GET /monitor/warning-batches} lists what a
 * county received.
 */
public final class WarningRoutes implements RouteModule {
  /** Rows one JSON post may carry (a file takes more). */
  static final int MAX_ROWS = 50_000;

  /** The first bytes of an .xlsx (a zip archive). */
  private static final byte[] ZIP = {'P', 'K', 3, 4};

  private final WarningService warnings;

  public WarningRoutes(WarningService warnings) {
    this.warnings = warnings;
  }

  @Override
  public void mount(Router api) {
    api.post("/monitor/warning-files").handler(RouteModule.handle(this::file));
    api.post("/monitor/warnings").handler(RouteModule.handle(this::rows));
    api.get("/monitor/warning-batches").handler(RouteModule.handle(this::list));
    api.get("/monitor/warning-batches/:id").handler(RouteModule.handle(this::get));
  }

  private Future<?> file(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.REVIEWER, Role.ADMIN);
    Params q = Params.of(ctx);
    String department =
        q.optionalEnum("department", MonitorKinds.DEPARTMENTS)
            .orElseThrow(() -> DomainException.invalid("department", "required", "is required"));
    String county = WarningService.county(user, q.optionalString("countyId", 40).orElse(null));
    byte[] data =
        ctx.body() == null || ctx.body().buffer() == null
            ? new byte[0]
            : ctx.body().buffer().getBytes();
    if (data.length == 0) {
      throw DomainException.invalid("file", "empty_file", "the request's body is the file");
    }
    String format = startsWith(data, ZIP) ? "xlsx" : "csv";
    String name = q.optionalString("fileName", 200).orElse("warnings." + format);
    return warnings
        .importFile(user, new WarningService.Source(county, department, name, format), data)
        .compose(r -> Responses.created(ctx, json(r)));
  }

  private Future<?> rows(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.REVIEWER, Role.ADMIN);
    Body b = Body.of(ctx).only(List.of("countyId", "department", "rows"));
    String department = b.requiredEnum("department", MonitorKinds.DEPARTMENTS);
    String county = WarningService.county(user, b.optionalString("countyId", 1, 40).orElse(null));
    JsonArray arr =
        b.optionalArray("rows", MAX_ROWS)
            .orElseThrow(() -> DomainException.invalid("rows", "required", "is required"));
    List<WarningFile.RawRow> raw = new ArrayList<>(arr.size());
    for (int i = 0; i < arr.size(); i++) {
      raw.add(new WarningFile.RawRow(i + 1, fields(b.element("rows", arr, i))));
    }
    return warnings
        .importRows(user, new WarningService.Source(county, department, null, "json"), raw)
        .compose(r -> Responses.created(ctx, json(r)));
  }

  /** A posted row's fields as text (a number is written as it came). */
  private static Map<String, String> fields(Body row) {
    row.only(WarningFile.HEADERS.keySet());
    Map<String, String> out = new HashMap<>();
    for (String f : WarningFile.HEADERS.keySet()) {
      Object v = row.json().getValue(f);
      if (v != null && !v.toString().isBlank()) {
        out.put(f, v.toString().strip());
      }
    }
    return out;
  }

  static JsonObject json(WarningService.Received r) {
    JsonArray errors = new JsonArray();
    r.errors().stream()
        .limit(1000)
        .forEach(
            e ->
                errors.add(
                    new JsonObject()
                        .put("row", e.rowNo())
                        .put("field", e.field())
                        .put("code", e.code())));
    return r.batch().toJson().put("errors", errors).put("errorsShown", errors.size());
  }

  private Future<?> list(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.REVIEWER, Role.ADMIN);
    return warnings
        .batches(user, Params.of(ctx).paging())
        .compose(p -> Responses.ok(ctx, Responses.page(p, WarningBatch::toJson)));
  }

  private Future<?> get(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.REVIEWER, Role.ADMIN);
    return warnings
        .batch(user, Params.of(ctx).pathId("id"))
        .compose(r -> Responses.ok(ctx, json(r)));
  }

  private static boolean startsWith(byte[] data, byte[] prefix) {
    if (data.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (data[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
