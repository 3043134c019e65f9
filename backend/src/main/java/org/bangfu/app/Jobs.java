package org.bangfu.app;

import java.util.List;
import org.bangfu.deadlines.DeadlineJob;
import org.bangfu.expiry.ExpiryJob;
import org.bangfu.jobs.Job;
import org.bangfu.notices.NoticeCloseJob;
import org.bangfu.opendata.OpenDataDumpJob;
import org.bangfu.registry.StatusNoticeJob;
import org.bangfu.sampling.SamplingJob;
import org.bangfu.supervision.SupervisionJob;

/** Every scheduled job. Adding one is one line here (its class implements {@link Job}). */
public final class Jobs {

  private Jobs() {}

  public static List<Job> all(AppContext app, Services s) {
    return List.of(
        new ExpiryJob(s.expiry()),
        new StatusNoticeJob(s.registry()),
        new DeadlineJob(s.deadlineService()),
        new NoticeCloseJob(s.notices(), List.of()),
        new SupervisionJob(s.supervision()),
        new SamplingJob(s.sampling()),
        new OpenDataDumpJob(s.openData()),
        s.transparency().job());
  }
}
