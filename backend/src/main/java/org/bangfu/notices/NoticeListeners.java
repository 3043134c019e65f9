package org.bangfu.notices;

import java.util.List;
import org.bangfu.http.AppContext;

/** Every {@link NoticeClosedListener}. Adding one is one line here. */
public final class NoticeListeners {

  private NoticeListeners() {}

  public static List<NoticeClosedListener> all(AppContext app) {
    return List.of();
  }
}
