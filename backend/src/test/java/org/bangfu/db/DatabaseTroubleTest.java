package org.bangfu.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.VertxException;
import java.io.IOException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A connection to PostgreSQL cut in the middle of a statement fails in one of several ways,
 * depending on whether the client was reading or writing when the server went away; each is
 * "database unavailable" (503, try again), none an internal error (500).
 */
@DisplayName("A database connection cut mid-statement is trouble reaching the database")
class DatabaseTroubleTest {

  @Test
  @DisplayName("reset while reading, a broken pipe while writing the next statement: both passing")
  void cutConnections() {
    assertThat(DatabaseTrouble.is(new IOException("Connection reset by peer"))).isTrue();
    assertThat(DatabaseTrouble.is(new IOException("Broken pipe"))).isTrue();
    assertThat(DatabaseTrouble.is(new VertxException("wrapped", new IOException("Broken pipe"))))
        .isTrue();
  }

  @Test
  @DisplayName("an input error that is not about the connection is not")
  void otherFailures() {
    assertThat(DatabaseTrouble.is(new IOException("No space left on device"))).isFalse();
    assertThat(DatabaseTrouble.is(new IOException((String) null))).isFalse();
    assertThat(DatabaseTrouble.is(new IllegalStateException("Broken pipe"))).isFalse();
  }
}
