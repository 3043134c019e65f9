package org.bangfu.needs;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import org.bangfu.allocations.AllocationRepository;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.matching.model.Affinity;

/**
 * "Why it suits you" of need browsing: the affinity rule for the donor asking, nothing for anyone
 * else.
 */
final class Affinities {
  private final Affinity.Ties ties;

  private Affinities(Affinity.Ties ties) {
    this.ties = ties;
  }

  /** Whether the user is a donor, to whom needs are shown with the reasons they suit them. */
  static boolean apply(CurrentUser user) {
    return user != null && user.is(Role.DONOR);
  }

  /** The reasons of a donor whose ties are known ({@code null}: no such donor). */
  static Affinities of(Affinity.Ties ties) {
    return new Affinities(ties);
  }

  static Future<Affinities> forUser(
      AllocationRepository allocations, SqlClient sql, CurrentUser user) {
    return apply(user)
        ? allocations.ties(sql, user.donorId()).map(Affinities::new)
        : Future.succeededFuture(new Affinities(null));
  }

  /** The reasons' wire names for a donor, {@code null} for anyone else. */
  List<String> reasons(Need n) {
    return ties == null
        ? null
        : Affinity.wireNames(
            Affinity.reasons(
                new Affinity.Place(n.villageId(), n.townshipId(), n.countyId()), ties));
  }
}
