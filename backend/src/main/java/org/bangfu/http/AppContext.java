package org.bangfu.http;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.bangfu.auth.TokenService;
import org.bangfu.config.AppConfig;

/**
 * What the feature modules are built from: built once by {@link org.bangfu.Main} (or a test's
 * {@code TestApp}) and handed to {@link Features#modules}. Holds no per-request state.
 */
public record AppContext(Vertx vertx, Pool pool, AppConfig config, TokenService tokens) {
}
