package org.bangfu.matching;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.bangfu.matching.json.ProblemJson;
import org.bangfu.matching.testing.ResultChecker;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The engine contract's examples, run through the command line exactly as a user would. */
class SpecExamplesTest {
  /**
   * The examples, kept with the tests (src/test/resources/spec-examples), found on the classpath.
   */
  static final Path EXAMPLES = findExamples();

  static Path findExamples() {
    URL readme = SpecExamplesTest.class.getResource("/spec-examples/README.md");
    if (readme == null) {
      throw new IllegalStateException("spec-examples/ is not on the test classpath");
    }
    try {
      return Path.of(readme.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("spec-examples/ is not a folder: " + readme, e);
    }
  }

  static Stream<String> solvable() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".answer.json"))
          .map(n -> n.substring(0, n.length() - ".answer.json".length()))
          .sorted()
          .toList()
          .stream();
    }
  }

  static Stream<String> refused() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("bad-"))
          .sorted()
          .toList()
          .stream();
    }
  }

  record Run(int code, String stdout, String stderr) {}

  static Run cli(String... args) {
    return cli(new byte[0], args);
  }

  static Run cli(byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Cli.run(
            args,
            new ByteArrayInputStream(stdin),
            new PrintStream(out, true),
            new PrintStream(err, true));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0} gives the objective of its answer file")
  @MethodSource("solvable")
  void exampleGivesTheAnswersObjective(String name) throws IOException {
    Path input = EXAMPLES.resolve(name + ".json");
    Run run = cli(input.toString());
    assertThat(run.code()).as(run.stderr()).isZero();
    ObjectMapper json = new ObjectMapper();
    long expected =
        json.readTree(EXAMPLES.resolve(name + ".answer.json").toFile()).get("objective").asLong();
    assertThat(json.readTree(run.stdout()).get("objective").asLong()).isEqualTo(expected);
    var problem = ProblemJson.read(Files.readString(input));
    assertThat(ResultChecker.violations(problem, new AllocationEngine().solve(problem))).isEmpty();
  }

  @ParameterizedTest(name = "{0} is refused: exit 2, nothing on standard output")
  @MethodSource("refused")
  void badExampleIsRefused(String name) {
    Run run = cli(EXAMPLES.resolve(name).toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.stdout()).isEmpty();
    assertThat(run.stderr()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  @DisplayName(
      "the tiny example's answer is reproduced byte for byte, from a file or standard input")
  void tinyIsByteIdentical() throws IOException {
    String expected = Files.readString(EXAMPLES.resolve("tiny.answer.json"));
    assertThat(cli(EXAMPLES.resolve("tiny.json").toString()).stdout()).isEqualTo(expected);
    Run fromStdin = cli(Files.readAllBytes(EXAMPLES.resolve("tiny.json")), "-");
    assertThat(fromStdin.stdout()).isEqualTo(expected);
  }

  @Test
  @DisplayName("the same input gives byte-identical output on every run")
  void outputIsDeterministic() {
    String input = EXAMPLES.resolve("mixed-units.json").toString();
    String first = cli(input).stdout();
    assertThat(first).isNotEmpty();
    assertThat(cli(input).stdout()).isEqualTo(first);
  }

  @Test
  @DisplayName("the specific errors of the bad examples name the item and the field")
  void errorLinesNameItemAndField() {
    assertThat(cli(EXAMPLES.resolve("bad-priority.json").toString()).stderr())
        .isEqualTo("needs[0] (id \"N1\"): priority must be an integer from 1 to 5, got 7\n");
    assertThat(cli(EXAMPLES.resolve("bad-duplicate-id.json").toString()).stderr())
        .isEqualTo("pledges[1] (id \"P1\"): id duplicates pledges[0]\n");
    assertThat(cli(EXAMPLES.resolve("bad-unknown-village.json").toString()).stderr())
        .isEqualTo("needs[0] (id \"N1\"): village \"V999\" is not a known village\n");
    assertThat(cli(EXAMPLES.resolve("bad-truncated.json").toString()).stderr())
        .startsWith("input: malformed JSON at line 12");
  }

  @Test
  @DisplayName("a missing file and a wrong usage exit with 2 and print nothing on standard output")
  void usageErrors(@TempDir Path empty) {
    Run missing = cli(empty.resolve("problem.json").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.stdout()).isEmpty();
    Run usage = cli();
    assertThat(usage.code()).isEqualTo(2);
    assertThat(usage.stderr()).startsWith("usage:");
  }
}
