package org.bangfu.jobs;

import java.util.List;
import org.bangfu.http.AppContext;
import org.bangfu.expiry.ExpiryJob;

/** Every scheduled job. Adding one is one line here (its class implements {@link Job}). */
public final class Jobs {

  private Jobs() {}

  public static List<Job> all(AppContext app) {
    return List.of(new ExpiryJob(app.pool(), app.clock()),
        new org.bangfu.registry.StatusNoticeJob(new org.bangfu.registry.RegistryService(app.pool(), app.clock(),
            new org.bangfu.registry.ApplicationNotice())));
  }
}
