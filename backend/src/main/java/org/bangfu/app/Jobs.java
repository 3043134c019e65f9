package org.bangfu.app;

import java.util.List;
import org.bangfu.deadlines.DeadlineJob;
import org.bangfu.expiry.ExpiryJob;
import org.bangfu.jobs.Job;
import org.bangfu.monitor.CaseNoticeClosing;
import org.bangfu.monitor.FirstHelpJob;
import org.bangfu.notices.NoticeCloseJob;
import org.bangfu.opendata.OpenDataDumpJob;
import org.bangfu.registry.StatusNoticeClosing;
import org.bangfu.sampling.SamplingJob;
import org.bangfu.supervision.SupervisionJob;
import org.bangfu.villages.ExitNoticeClosing;

/** Every scheduled job. Adding one is one line here (its class implements {@link Job}). */
public final class Jobs {

  private Jobs() {}

  public static List<Job> all(AppContext app, Services s) {
    return List.of(
        new ExpiryJob(s.expiry()),
        new DeadlineJob(s.deadlineService()),
        // what happens when a notice closes: the one notice path of every kind
        new NoticeCloseJob(
            s.notices(),
            List.of(
                new StatusNoticeClosing(s.registry(), app.clock()),
                new ExitNoticeClosing(s.villages(), app.clock()),
                CaseNoticeClosing.identification(s.monitoring().cases(), app.clock()),
                CaseNoticeClosing.closure(s.monitoring().cases(), app.clock()))),
        new FirstHelpJob(s.monitoring().cases()),
        new SupervisionJob(s.supervision()),
        new SamplingJob(s.sampling()),
        new OpenDataDumpJob(s.openData()),
        s.transparency().job());
  }
}
