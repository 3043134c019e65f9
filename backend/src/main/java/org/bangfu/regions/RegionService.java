package org.bangfu.regions;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import org.bangfu.auth.Access;
import org.bangfu.support.DomainException;

/** Reads the region tree (行政区划) and one village with the township and county above it. */
public final class RegionService {

  /** Every region and every pairing. */
  public record Tree(List<Region> regions, List<RegionRepository.Pairing> pairings) {}

  /** A village, the township and county it lies in (null when missing), and its open needs. */
  public record Village(Region village, Region township, Region county, long openNeeds) {}

  private final Pool pool;
  private final RegionRepository regions;

  public RegionService(Pool pool, RegionRepository regions) {
    this.regions = regions;
    this.pool = pool;
  }

  /**
   * {@code root} with everything in it, the mountain-sea counties paired with a county in it (with
   * everything in them), and every pairing.
   */
  public Future<Tree> tree(String root) {
    return regions
        .pairings(pool)
        .compose(
            pairings -> {
              List<String> roots = new ArrayList<>(List.of(root));
              pairings.stream()
                  .filter(p -> p.kind().equals("mountain_sea"))
                  .map(RegionRepository.Pairing::to)
                  .filter(to -> !Access.regionContains(root, to))
                  .distinct()
                  .forEach(roots::add);
              return regions.within(pool, roots).map(all -> new Tree(all, pairings));
            });
  }

  /**
   * Regions named like {@code words} (or whose code starts with them) for a picker: of the given
   * levels, inside {@code within} when not null; an unknown {@code within} finds nothing.
   */
  public Future<List<RegionMatch>> search(
      String words, List<Region.Level> levels, String within, int limit) {
    return regions.search(pool, words, levels, within, limit);
  }

  public Future<Village> village(String id) {
    if (id.length() > 40) {
      throw DomainException.notFound("village " + id);
    }
    return regions
        .find(pool, id)
        .compose(
            found -> {
              Region v =
                  found
                      .filter(Region::isVillage)
                      .orElseThrow(() -> DomainException.notFound("village " + id));
              return regions
                  .find(pool, v.parentId())
                  .compose(
                      township ->
                          regions
                              .find(pool, township.map(Region::parentId).orElse(null))
                              .compose(
                                  county ->
                                      regions
                                          .openNeeds(pool, v.id())
                                          .map(
                                              open ->
                                                  new Village(
                                                      v,
                                                      township.orElse(null),
                                                      county.orElse(null),
                                                      open))));
            });
  }
}
