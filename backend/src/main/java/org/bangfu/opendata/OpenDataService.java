package org.bangfu.opendata;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.bangfu.support.DomainException;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/**
 * The open-data feed (公开数据): every yuan of the donors' allocations and of the fiscal programmes,
 * step by step, as 360Giving grants ({@link ThreeSixtyGiving}), each step with the audit record
 * that wrote it and a link to its inclusion proof; a paged API and a daily dump; the traceability
 * figure and the village counts. Public, and never a household's data.
 */
public final class OpenDataService {
  /** Where the schema the feed follows is kept (and served from). */
  public static final String SCHEMA_RESOURCE = "opendata/360giving-package-schema.json";

  /** Flows read per query while a dump is made. */
  static final int DUMP_CHUNK = 1000;

  private final Vertx vertx;
  private final Pool pool;
  private final ZoneId zone;
  private final OpenDataRepository repo;
  private volatile Buffer schema;

  public OpenDataService(Vertx vertx, Pool pool, ZoneId zone, OpenDataRepository repo) {
    this.vertx = vertx;
    this.pool = pool;
    this.zone = zone;
    this.repo = repo;
  }

  /** A page of grants of one flow ({@code donor} or {@code fiscal}), each with its chain. */
  public Future<Page<JsonObject>> grants(String flow, OpenDataRepository.Filter f, Paging paging) {
    return flow.equals("fiscal")
        ? repo.fiscalGrants(pool, f, paging)
            .compose(page -> fiscalJson(page.items()).map(list -> withItems(page, list)))
        : repo.donorGrants(pool, f, paging)
            .compose(page -> donorJson(page.items()).map(list -> withItems(page, list)));
  }

  /** The grant of one donor allocation (confirmed or later, in yuan). */
  public Future<JsonObject> donorGrant(long allocationId) {
    return repo.donorGrant(pool, allocationId)
        .compose(
            row ->
                donorJson(
                    List.of(
                        row.orElseThrow(
                            () ->
                                DomainException.notFound("grant of allocation " + allocationId)))))
        .map(list -> list.get(0));
  }

  private static <T> Page<JsonObject> withItems(Page<T> page, List<JsonObject> items) {
    return new Page<>(items, page.total(), page.page(), page.size(), page.totalCapped());
  }

  Future<List<JsonObject>> donorJson(List<DonorRow> rows) {
    return repo.auditRecords(pool, Chains.donorKeys(rows))
        .map(
            audit -> {
              Chains chains = new Chains(audit);
              return rows.stream().map(r -> ThreeSixtyGiving.donor(r, chains.donor(r))).toList();
            });
  }

  Future<List<JsonObject>> fiscalJson(List<FiscalRow> rows) {
    List<Long> projects = rows.stream().map(FiscalRow::projectId).distinct().toList();
    return repo.disbursements(pool, projects)
        .compose(
            paid ->
                repo.auditRecords(pool, Chains.fiscalKeys(rows))
                    .map(
                        audit -> {
                          Chains chains = new Chains(audit);
                          Map<Long, List<FiscalRow.Disbursement>> byProject =
                              paid.stream()
                                  .collect(
                                      Collectors.groupingBy(FiscalRow.Disbursement::projectId));
                          return rows.stream()
                              .map(
                                  r ->
                                      ThreeSixtyGiving.fiscal(
                                          r,
                                          chains.fiscal(
                                              r, byProject.getOrDefault(r.projectId(), List.of()))))
                              .toList();
                        }));
  }

  public Future<Traceability> traceability() {
    return repo.traceability(pool).map(Traceability::new);
  }

  public Future<Page<VillageCount>> villages(String county, Paging paging) {
    return repo.villages(pool, county, paging);
  }

  /** The schema file the feed follows, as kept in the repository. */
  public Future<Buffer> schema() {
    Buffer s = schema;
    if (s != null) {
      return Future.succeededFuture(s);
    }
    return vertx.executeBlocking(
        () -> {
          try (InputStream in = getClass().getClassLoader().getResourceAsStream(SCHEMA_RESOURCE)) {
            schema = Buffer.buffer(in.readAllBytes());
            return schema;
          }
        },
        false);
  }

  // ---- the daily dump

  public Future<List<OpenDataRepository.Dump>> dumps() {
    return repo.dumps(pool);
  }

  public Future<byte[]> dump(LocalDate day) {
    return repo.dump(pool, day)
        .map(d -> d.orElseThrow(() -> DomainException.notFound("dump of " + day)));
  }

  /** Makes today's dump (in the zone of the calendar) unless it was made; answers 1 when made. */
  public Future<Integer> makeDump(Instant now) {
    LocalDate day = now.atZone(zone).toLocalDate();
    return repo.dumpExists(pool, day)
        .compose(made -> made ? Future.succeededFuture(0) : writeDump(day, now).map(1));
  }

  private Future<Void> writeDump(LocalDate day, Instant now) {
    DumpWriter out = new DumpWriter(day);
    return vertx
        .executeBlocking(() -> out.start(), false)
        .compose(v -> writeDonors(out, 0))
        .compose(v -> repo.allFiscalGrants(pool).compose(this::fiscalJson))
        .compose(list -> vertx.executeBlocking(() -> out.grants(list), false))
        .compose(v -> vertx.executeBlocking(out::finish, false))
        .compose(
            bytes ->
                repo.insertDump(
                    pool,
                    new OpenDataRepository.Dump(
                        day,
                        out.count,
                        sha256(bytes),
                        bytes.length,
                        now.atOffset(java.time.ZoneOffset.UTC)),
                    bytes));
  }

  /** The donors' grants, a chunk at a time, each chunk written (gzipped) on a worker thread. */
  private Future<Void> writeDonors(DumpWriter out, long after) {
    return repo.donorGrantsAfter(pool, after, DUMP_CHUNK)
        .compose(
            rows -> {
              if (rows.isEmpty()) {
                return Future.succeededFuture();
              }
              long last = rows.get(rows.size() - 1).allocationId();
              return donorJson(rows)
                  .compose(list -> vertx.executeBlocking(() -> out.grants(list), false))
                  .compose(
                      v ->
                          rows.size() < DUMP_CHUNK
                              ? Future.succeededFuture()
                              : writeDonors(out, last));
            });
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A 360Giving package written grant by grant into gzip (only ever on a worker thread). */
  static final class DumpWriter {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final LocalDate day;
    private GZIPOutputStream gzip;
    int count;

    DumpWriter(LocalDate day) {
      this.day = day;
    }

    Void start() throws IOException {
      gzip = new GZIPOutputStream(bytes);
      write("{\"dumpDate\":\"" + day + "\",\"grants\":[");
      return null;
    }

    Void grants(List<JsonObject> list) {
      for (JsonObject g : list) {
        write((count++ == 0 ? "" : ",") + g.encode());
      }
      return null;
    }

    byte[] finish() throws IOException {
      write("]}");
      gzip.close();
      return bytes.toByteArray();
    }

    private void write(String s) {
      try {
        gzip.write(s.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
