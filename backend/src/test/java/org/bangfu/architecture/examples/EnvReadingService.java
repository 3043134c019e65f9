package org.bangfu.architecture.examples;

/** Breaks "the environment is read only by the configuration". */
public final class EnvReadingService {
  public String days() {
    return System.getenv("BANGFU_SOME_DAYS");
  }
}
