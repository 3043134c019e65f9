package org.bangfu.privacy;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

/**
 * The deployment's {@link PersonalDataCipher}, resolved once on first use (it may read the key from
 * the database) and then shared; a failed resolution is tried again next time.
 */
public final class LazyCipher {
  private final Pool pool;
  private volatile PersonalDataCipher cipher;
  private Future<PersonalDataCipher> pending;

  public LazyCipher(Pool pool) {
    this.pool = pool;
  }

  public synchronized Future<PersonalDataCipher> get() {
    if (cipher != null) {
      return Future.succeededFuture(cipher);
    }
    if (pending == null) {
      pending =
          PersonalDataCipher.resolve(pool)
              .onSuccess(c -> cipher = c)
              .onFailure(
                  e -> {
                    synchronized (this) {
                      pending = null;
                    }
                  });
    }
    return pending;
  }
}
