package org.bangfu.architecture.examples;

import org.bangfu.http.Responses;

/** Breaks "repositories know nothing of HTTP". */
public final class HttpAwareRepository {
  public Class<?> answers() {
    return Responses.class;
  }
}
