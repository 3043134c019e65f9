package org.bangfu.signin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.http.Body;
import org.bangfu.http.ClientAddress;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;

/** {@code POST /auth/login} (public) and {@code GET /me} (any signed-in user). */
public final class SignInRoutes implements RouteModule {

  private final SignInService service;

  public SignInRoutes(SignInService service) {
    this.service = service;
  }

  @Override
  public void mount(Router api) {
    api.post("/auth/login").handler(RouteModule.handle(this::login));
    api.get("/me").handler(RouteModule.handle(this::me));
  }

  private Future<?> login(RoutingContext ctx) {
    Body body = Body.of(ctx).only(List.of("username", "password"));
    String username = body.requiredString("username", 1, 40).toLowerCase();
    String password = body.requiredString("password", 1, 200);
    String address = ClientAddress.of(ctx);
    return service
        .signIn(username, password, address)
        .compose(
            in ->
                Responses.ok(
                    ctx,
                    new JsonObject()
                        .put("token", in.token().token())
                        .put("expiresAt", in.token().expiresAt().toString())
                        .put("user", in.user().toJson())));
  }

  private Future<?> me(RoutingContext ctx) {
    CurrentUser current = Access.signedIn(ctx);
    return service.me(current.id()).compose(u -> Responses.ok(ctx, u.toJson()));
  }
}
