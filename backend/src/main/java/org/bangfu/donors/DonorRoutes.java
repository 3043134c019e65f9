package org.bangfu.donors;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.Set;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.http.Body;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;
import org.bangfu.support.DomainException;

/**
 * {@code /donors}: enterprises, chambers of commerce, overseas Chinese and individuals, with their
 * home county, hometown (祖籍地), campaign enrolments and paired villages. The rules are in {@link
 * DonorService}.
 */
public final class DonorRoutes implements RouteModule {

  static final Set<String> FIELDS =
      Set.of("name", "type", "homeCounty", "hometown", "country", "verified");

  private final DonorService service;

  public DonorRoutes(DonorService service) {
    this.service = service;
  }

  @Override
  public void mount(Router api) {
    api.get("/donors").handler(RouteModule.handle(this::list));
    api.post("/donors").handler(RouteModule.handle(this::create));
    api.get("/donors/:id").handler(RouteModule.handle(this::get));
    api.patch("/donors/:id").handler(RouteModule.handle(this::update));
  }

  private Future<?> list(RoutingContext ctx) {
    Access.signedIn(ctx);
    Params q = Params.of(ctx);
    var paging = q.paging();
    var filter =
        new DonorRepository.Filter(
            q.optionalEnum("type", Donor.Type.WIRE).flatMap(Donor.Type::fromWire).orElse(null),
            q.optionalLong("campaign", 1, Long.MAX_VALUE).orElse(null),
            q.optionalString("q", 100).orElse(null));
    return service
        .list(filter, paging)
        .compose(p -> Responses.ok(ctx, Responses.page(p, Donor::toJson)));
  }

  private Future<?> get(RoutingContext ctx) {
    Access.signedIn(ctx);
    long id = Params.of(ctx).pathId("id");
    return service.get(id).compose(d -> Responses.ok(ctx, d.toJson()));
  }

  private Future<?> create(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.ADMIN, Role.UNITED_FRONT);
    Body b = Body.of(ctx).only(FIELDS);
    String name = b.requiredString("name", 1, 200);
    Donor.Type type = type(b.requiredEnum("type", Donor.Type.WIRE));
    String homeCounty = b.optionalString("homeCounty", 1, 40).orElse(null);
    Donor.Hometown hometown = hometown(b).orElse(null);
    String country = b.optionalString("country", 1, 100).orElse(null);
    boolean verified = b.optionalBoolean("verified").orElse(false);
    return service
        .create(
            user, new DonorRepository.NewDonor(name, type, homeCounty, hometown, country, verified))
        .compose(d -> Responses.created(ctx, d.toJson()));
  }

  private Future<?> update(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.ADMIN, Role.UNITED_FRONT, Role.DONOR);
    long id = Params.of(ctx).pathId("id");
    if (user.is(Role.DONOR)) {
      Access.requireDonor(user, id);
    }
    Body b = Body.of(ctx).only(FIELDS);
    if (user.is(Role.DONOR) && b.has("verified")) {
      throw DomainException.forbidden("a donor cannot verify itself");
    }
    var changes =
        new DonorRepository.Changes(
            b.optionalString("name", 1, 200).orElse(null),
            b.optionalEnum("type", Donor.Type.WIRE).map(DonorRoutes::type).orElse(null),
            b.optionalString("homeCounty", 1, 40).orElse(null),
            hometown(b).orElse(null),
            b.optionalString("country", 1, 100).orElse(null),
            b.optionalBoolean("verified").orElse(null));
    return service.update(user, id, changes).compose(d -> Responses.ok(ctx, d.toJson()));
  }

  private static Donor.Type type(String wire) {
    return Donor.Type.fromWire(wire).orElseThrow();
  }

  /** {@code hometown: {county, township?, village?}}. */
  private static Optional<Donor.Hometown> hometown(Body b) {
    return b.optionalObject("hometown")
        .map(
            h -> {
              h.only(Set.of("county", "township", "village"));
              return new Donor.Hometown(
                  h.requiredString("county", 1, 40),
                  h.optionalString("township", 1, 40).orElse(null),
                  h.optionalString("village", 1, 40).orElse(null));
            });
  }
}
