package org.bangfu.regions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bangfu.support.DomainException;
import org.bangfu.http.AppContext;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;

/** Public: {@code GET /regions} (the tree with the pairings) and {@code GET /villages/{id}}. */
public final class RegionRoutes implements RouteModule {

  /** 泉州市: the root of the tree the API returns. */
  public static final String QUANZHOU = "3505";

  private final Pool pool;
  private final RegionRepository regions = new RegionRepository();

  public RegionRoutes(AppContext app) {
    this.pool = app.pool();
  }

  @Override
  public void mount(Router api) {
    api.get("/regions").handler(RouteModule.handle(this::tree));
    api.get("/villages/:id").handler(RouteModule.handle(this::village));
  }

  private Future<?> tree(RoutingContext ctx) {
    return regions.all(pool).compose(all -> regions.pairings(pool).compose(pairings -> {
      Map<String, JsonObject> nodes = RegionTree.build(all);
      JsonObject root = nodes.get(QUANZHOU);
      if (root == null) {
        return Future.failedFuture(DomainException.notFound("region tree (no data loaded yet)"));
      }
      JsonObject answer = root.copy();
      // 山海协作: county-level pairings; coastal townships paired with key townships apart
      answer.put("pairings", new JsonArray(pairings.stream().filter(p -> p.kind().equals("mountain_sea"))
          .map(RegionRepository.Pairing::toJson).toList()));
      answer.put("townshipPairings", new JsonArray(pairings.stream().filter(p -> p.kind().equals("township"))
          .map(RegionRepository.Pairing::toJson).toList()));
      // the paired counties outside Quanzhou, with their townships and villages
      Map<String, JsonObject> paired = new LinkedHashMap<>();
      pairings.stream().filter(p -> p.kind().equals("mountain_sea")).forEach(p -> {
        JsonObject n = nodes.get(p.to());
        if (n != null && !p.to().startsWith(QUANZHOU)) {
          paired.putIfAbsent(p.to(), n);
        }
      });
      answer.put("pairedCounties", new JsonArray(List.copyOf(paired.values())));
      ctx.response().putHeader("Cache-Control", "public, max-age=60");
      return Responses.json(ctx, 200, answer);
    }));
  }

  private Future<?> village(RoutingContext ctx) {
    String id = Params.of(ctx).path("id");
    if (id.length() > 40) {
      throw DomainException.notFound("village " + id);
    }
    return regions.find(pool, id).compose(found -> {
      Region v = found.filter(Region::isVillage)
          .orElseThrow(() -> DomainException.notFound("village " + id));
      return regions.find(pool, v.parentId()).compose(township -> regions
          .find(pool, township.map(Region::parentId).orElse(null)).compose(county -> regions
              .openNeeds(pool, v.id()).compose(open -> {
                JsonObject o = v.toJson()
                    .put("township", township.map(RegionRoutes::ref).orElse(null))
                    .put("county", county.map(RegionRoutes::ref).orElse(null))
                    .put("townshipId", v.parentId())
                    .put("countyId", township.map(Region::parentId).orElse(null))
                    .put("openNeeds", open);
                return Responses.ok(ctx, o);
              })));
    });
  }

  private static JsonObject ref(Region r) {
    return new JsonObject().put("id", r.id()).put("name", r.name());
  }

  /** Builds the nested JSON of every region (parents before children is not required). */
  static final class RegionTree {

    static Map<String, JsonObject> build(List<Region> all) {
      Map<String, JsonObject> nodes = new HashMap<>();
      for (Region r : all) {
        JsonObject n = r.toJson();
        if (!r.isVillage()) {
          n.put("children", new JsonArray());
        }
        nodes.put(r.id(), n);
      }
      for (Region r : all) {
        JsonObject parent = r.parentId() == null ? null : nodes.get(r.parentId());
        if (parent != null) {
          parent.getJsonArray("children").add(nodes.get(r.id()));
        }
      }
      return nodes;
    }
  }
}
