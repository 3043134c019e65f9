package org.bangfu.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;

/** What this node knows of its cluster, for readiness and metrics. */
public final class ClusterState {
  private ClusterState() {}

  /** How many nodes are in the cluster (1 when this node runs alone). */
  public static int members(Vertx vertx) {
    if (!vertx.isClustered()) {
      return 1;
    }
    return ((VertxInternal) vertx).clusterManager().getNodes().size();
  }

  /** Whether this node is a live member of its cluster (always true when it runs alone). */
  public static boolean active(Vertx vertx) {
    return !vertx.isClustered() || ((VertxInternal) vertx).clusterManager().isActive();
  }
}
