package org.bangfu.db;

/** PostgreSQL cannot be reached or started; the message says what to do about it. */
public final class DatabaseStartException extends RuntimeException {

  public DatabaseStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
