package org.bangfu.subjects;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.List;
import org.bangfu.regions.Region;
import org.bangfu.regions.RegionRepository;

/**
 * Finds what a 12317 report may be about by name, among what the public may see anyway: public
 * needs, verified allocations (the board), the donors the board names, and villages. The filing
 * still takes any record's number (the API is for systems too); this only helps people pick.
 */
public final class SubjectService {

  /** The kinds a report names, as the filing takes them ({@code subjectKind}). */
  public static final List<String> KINDS = List.of("need", "allocation", "village", "donor");

  private final Pool pool;
  private final SubjectRepository subjects;
  private final RegionRepository regions;

  public SubjectService(Pool pool, SubjectRepository subjects, RegionRepository regions) {
    this.pool = pool;
    this.subjects = subjects;
    this.regions = regions;
  }

  public Future<List<ReportSubject>> search(String kind, String words, int limit) {
    return switch (kind) {
      case "need" -> subjects.needs(pool, words, limit);
      case "allocation" -> subjects.allocations(pool, words, limit);
      case "donor" -> subjects.donors(pool, words, limit);
      default -> villages(words, limit);
    };
  }

  private Future<List<ReportSubject>> villages(String words, int limit) {
    return regions
        .search(pool, words, List.of(Region.Level.VILLAGE), null, limit)
        .map(
            found ->
                found.stream()
                    .map(
                        v ->
                            new ReportSubject(
                                "village", v.id(), v.name(), v.path(), null, null, null, null, null,
                                null, null))
                    .toList());
  }
}
