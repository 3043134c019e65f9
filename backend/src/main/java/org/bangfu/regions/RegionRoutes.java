package org.bangfu.regions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;
import org.bangfu.support.DomainException;

/**
 * Public: {@code GET /regions} (the tree with the pairings), {@code GET /regions/search} (regions
 * by name, for the pickers of every screen) and {@code GET /villages/{id}}.
 */
public final class RegionRoutes implements RouteModule {

  /** 泉州市: the root of the tree the API returns. */
  public static final String QUANZHOU = "3505";

  private final RegionService service;

  public RegionRoutes(RegionService service) {
    this.service = service;
  }

  @Override
  public void mount(Router api) {
    api.get("/regions").handler(RouteModule.handle(this::tree));
    api.get("/regions/search").handler(RouteModule.handle(this::search));
    api.get("/villages/:id").handler(RouteModule.handle(this::village));
  }

  /** The levels a picker may ask for (the province and the city are not picked). */
  static final List<String> SEARCH_LEVELS = List.of("county", "township", "village");

  /** At most this many regions per answer: a picker shows a short list while one types. */
  static final int SEARCH_MAX = 50;

  private Future<?> search(RoutingContext ctx) {
    Params p = Params.of(ctx);
    String words = p.requiredString("q", 40);
    List<String> wanted = p.list("level", SEARCH_LEVELS);
    List<Region.Level> levels =
        (wanted.isEmpty() ? SEARCH_LEVELS : wanted).stream().map(Region.Level::fromWire).toList();
    String within = p.optionalString("within", 40).orElse(null);
    int limit = p.optionalInt("limit", 1, SEARCH_MAX).orElse(20);
    return service
        .search(words, levels, within, limit)
        .compose(found -> Responses.ok(ctx, Responses.items(found, RegionMatch::toJson)));
  }

  private Future<?> tree(RoutingContext ctx) {
    return service
        .tree(QUANZHOU)
        .compose(
            tree -> {
              List<RegionRepository.Pairing> pairings = tree.pairings();
              Map<String, JsonObject> nodes = RegionTree.build(tree.regions());
              JsonObject root = nodes.get(QUANZHOU);
              if (root == null) {
                return Future.failedFuture(
                    DomainException.notFound("region tree (no data loaded yet)"));
              }
              JsonObject answer = root.copy();
              // 山海协作: county-level pairings; coastal townships paired with key townships apart
              answer.put("pairings", ofKind(pairings, "mountain_sea"));
              answer.put("townshipPairings", ofKind(pairings, "township"));
              // the paired counties outside Quanzhou, with their townships and villages
              Map<String, JsonObject> paired = new LinkedHashMap<>();
              pairings.stream()
                  .filter(p -> p.kind().equals("mountain_sea"))
                  .forEach(
                      p -> {
                        JsonObject n = nodes.get(p.to());
                        if (n != null && !p.to().startsWith(QUANZHOU)) {
                          paired.putIfAbsent(p.to(), n);
                        }
                      });
              answer.put("pairedCounties", new JsonArray(List.copyOf(paired.values())));
              ctx.response().putHeader("Cache-Control", "public, max-age=60");
              return Responses.json(ctx, 200, answer);
            });
  }

  private Future<?> village(RoutingContext ctx) {
    String id = Params.of(ctx).path("id");
    return service
        .village(id)
        .compose(
            found -> {
              Region v = found.village();
              JsonObject o =
                  v.toJson()
                      .put("township", ref(found.township()))
                      .put("county", ref(found.county()))
                      .put("townshipId", v.parentId())
                      .put(
                          "countyId", found.township() == null ? null : found.township().parentId())
                      .put("openNeeds", found.openNeeds());
              return Responses.ok(ctx, o);
            });
  }

  /** The pairings of one kind, in the API's shape. */
  private static JsonArray ofKind(List<RegionRepository.Pairing> pairings, String kind) {
    return new JsonArray(
        pairings.stream()
            .filter(p -> p.kind().equals(kind))
            .map(RegionRepository.Pairing::toJson)
            .toList());
  }

  private static JsonObject ref(Region r) {
    return r == null ? null : new JsonObject().put("id", r.id()).put("name", r.name());
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
