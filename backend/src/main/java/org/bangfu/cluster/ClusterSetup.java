package org.bangfu.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.bangfu.config.AppConfig;

/**
 * A clustered Vert.x over Hazelcast: the configuration starts from {@link ConfigUtil#loadConfig()}
 * (which keeps the {@code __vertx.*} maps and locks Vert.x needs), then joins by TCP-IP with the
 * members from BANGFU_CLUSTER_MEMBERS, on the interface BANGFU_CLUSTER_HOST. No multicast, so it
 * works on loopback and in networks that drop multicast.
 */
public final class ClusterSetup {

  private ClusterSetup() {}

  public static Config hazelcastConfig(AppConfig config) {
    Config hz = ConfigUtil.loadConfig();
    hz.setClusterName(config.clusterName());
    hz.setProperty("hazelcast.logging.type", "slf4j");
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    hz.setProperty("hazelcast.shutdownhook.enabled", "false");
    NetworkConfig net = hz.getNetworkConfig();
    net.setPort(config.clusterPort()).setPortAutoIncrement(true);
    net.getInterfaces().setEnabled(true).clear().addInterface(config.clusterHost());
    net.setPublicAddress(null);
    JoinConfig join = net.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).getMembers().clear();
    join.getTcpIpConfig().addMember(config.clusterHost());
    config.clusterMembers().forEach(m -> join.getTcpIpConfig().addMember(m));
    return hz;
  }

  public static Future<Vertx> clusteredVertx(
      AppConfig config, VertxOptions options, VertxMetricsFactory metrics) {
    options.setEventBusOptions(new EventBusOptions().setHost(config.clusterHost()).setPort(0));
    var builder =
        Vertx.builder()
            .with(options)
            .withClusterManager(new HazelcastClusterManager(hazelcastConfig(config)));
    if (metrics != null) {
      builder = builder.withMetrics(metrics);
    }
    return builder.buildClustered();
  }
}
