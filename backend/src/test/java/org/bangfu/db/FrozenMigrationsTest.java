package org.bangfu.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration that has landed never changes: the build fails when one is edited or removed, and
 * when a new one has not been recorded yet (so the record stays current).
 */
@DisplayName("Landed migrations are frozen")
class FrozenMigrationsTest {

  /** The migrations as they are in the source tree (not a possibly stale copy in target/). */
  static final Path MIGRATIONS =
      Path.of(System.getProperty("basedir", "."), "src/main/resources/db/migration");

  static final Path RECORD =
      Path.of(System.getProperty("basedir", "."), "src/test/resources/db/migration-checksums.txt");

  static List<String> record() throws IOException {
    return Files.readAllLines(RECORD, StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("every migration in the source tree is exactly the one recorded when it landed")
  void migrationsMatchTheRecord() throws IOException {
    assertThat(MIGRATIONS).isDirectory();
    List<String> problems = FrozenMigrations.problems(MIGRATIONS, record());
    if (!problems.isEmpty()) {
      fail(String.join("\n", problems));
    }
    assertThat(FrozenMigrations.parse(record())).containsKey("V1__regions.sql");
  }

  @Test
  @DisplayName("a landed migration edited in place fails, saying to make a new migration instead")
  void editedMigrationFails(@TempDir Path copy) throws IOException {
    List<String> record = landed(copy);
    Path v10 = copy.resolve("V10__marketplace.sql");
    Files.writeString(v10, Files.readString(v10) + "\n-- one more line\n");
    assertThat(FrozenMigrations.problems(copy, record))
        .singleElement()
        .asString()
        .startsWith("V10__marketplace.sql has landed and was changed")
        .contains("make a new migration instead");
  }

  @Test
  @DisplayName("a landed migration removed fails, saying to make a new migration instead")
  void removedMigrationFails(@TempDir Path copy) throws IOException {
    List<String> record = landed(copy);
    Files.delete(copy.resolve("V70__read_path_indexes.sql"));
    assertThat(FrozenMigrations.problems(copy, record))
        .singleElement()
        .asString()
        .startsWith("V70__read_path_indexes.sql has landed and is gone")
        .contains("make a new migration instead");
  }

  @Test
  @DisplayName("a new migration not yet recorded fails with the line to add to the record")
  void newMigrationNeedsItsLine(@TempDir Path copy) throws IOException {
    List<String> record = landed(copy);
    byte[] sql = "ALTER TABLE regions ADD COLUMN motto text;\n".getBytes(StandardCharsets.UTF_8);
    Files.write(copy.resolve("V999__region_motto.sql"), sql);
    String line = FrozenMigrations.sha256(sql) + "  V999__region_motto.sql";
    assertThat(FrozenMigrations.problems(copy, record))
        .singleElement()
        .asString()
        .contains("V999__region_motto.sql is a new migration not yet recorded")
        .contains("\"" + line + "\"")
        .contains(FrozenMigrations.RECORD);
  }

  @Test
  @DisplayName("a malformed or doubled line of the record is refused, naming the line")
  void malformedRecordIsRefused() {
    String hash = "a".repeat(64);
    assertThatThrownBy(() -> FrozenMigrations.parse(List.of("# comment", "nothash  V1__x.sql")))
        .hasMessageContaining("line 2");
    assertThatThrownBy(
            () -> FrozenMigrations.parse(List.of(hash + "  V1__x.sql", hash + "  V1__x.sql")))
        .hasMessageContaining("line 2")
        .hasMessageContaining("recorded twice");
    assertThat(FrozenMigrations.parse(List.of("", "# c", hash + "  V1__x.sql")))
        .isEqualTo(Map.of("V1__x.sql", hash));
  }

  /** Copies the migrations to {@code to}; the record of them as they are now. */
  private static List<String> landed(Path to) throws IOException {
    try (var files = Files.list(MIGRATIONS)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
    List<String> record = new ArrayList<>();
    FrozenMigrations.checksums(to)
        .forEach((file, hash) -> record.add(FrozenMigrations.line(file, hash)));
    return record;
  }
}
