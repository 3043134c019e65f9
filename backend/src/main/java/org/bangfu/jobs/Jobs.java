package org.bangfu.jobs;

import java.util.List;
import org.bangfu.expiry.ExpiryJob;
import org.bangfu.http.AppContext;

/** Every scheduled job. Adding one is one line here (its class implements {@link Job}). */
public final class Jobs {

  private Jobs() {}

  public static List<Job> all(AppContext app) {
    return List.of(
        new ExpiryJob(app.pool(), app.clock()),
        new org.bangfu.registry.StatusNoticeJob(
            new org.bangfu.registry.RegistryService(
                app.pool(), app.clock(), new org.bangfu.registry.ApplicationNotice())),
        new org.bangfu.reports.ReportEscalationJob(
            new org.bangfu.reports.ReportService(
                app.vertx(),
                app.pool(),
                app.clock(),
                org.bangfu.reports.OversightConfig.fromEnv())),
        new org.bangfu.inspections.FindingEscalationJob(
            new org.bangfu.inspections.InspectionService(
                app.vertx(),
                app.pool(),
                app.clock(),
                org.bangfu.reports.OversightConfig.fromEnv())),
        new org.bangfu.notices.NoticeCloseJob(app),
        new org.bangfu.supervision.SupervisionJob(app),
        org.bangfu.audit.log.TransparencyLog.of(app).job());
  }
}
