package org.bangfu.matching;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.bangfu.matching.json.ProblemJson;
import org.bangfu.matching.json.ResultJson;
import org.bangfu.matching.model.Problem;
import org.bangfu.matching.model.Result;

/**
 * {@code match INPUT.json} or {@code match -} (standard input): the answer on standard output,
 * timings on standard error. Bad input: nothing on standard output, one line per problem on
 * standard error, exit code 2. Usage errors also exit with 2.
 */
public final class Cli {
  private Cli() {}

  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err));
  }

  static int run(String[] args, InputStream stdin, PrintStream stdout, PrintStream stderr) {
    if (args.length != 1) {
      stderr.println("usage: match INPUT.json   (or - for standard input)");
      return 2;
    }
    long t0 = System.nanoTime();
    Problem problem;
    try (InputStream in =
        args[0].equals("-")
            ? stdin
            : new BufferedInputStream(Files.newInputStream(Path.of(args[0])), 1 << 16)) {
      problem = ProblemJson.read(in);
    } catch (NoSuchFileException e) {
      stderr.println(args[0] + ": no such file");
      return 2;
    } catch (IOException e) {
      stderr.println(args[0] + ": cannot be read: " + e.getMessage());
      return 2;
    } catch (InvalidProblemException e) {
      e.lines().forEach(stderr::println);
      return 2;
    }
    stderr.printf(
        "read %d needs, %d pledges in %d ms%n",
        problem.needs().size(), problem.pledges().size(), (System.nanoTime() - t0) / 1_000_000);
    Result result;
    try {
      result = new AllocationEngine(stderr::println).solve(problem);
    } catch (InvalidProblemException e) {
      e.lines().forEach(stderr::println);
      return 2;
    } catch (OutOfMemoryError e) {
      stderr.println("out of memory: give the JVM more heap (JAVA_OPTS=-Xmx8g scripts/match ...)");
      return 1;
    } catch (RuntimeException e) {
      stderr.println("internal error: " + e);
      return 1;
    }
    try {
      // the whole answer is written at once: a failure leaves nothing half-written
      ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);
      ResultJson.write(result, buffer);
      BufferedOutputStream out = new BufferedOutputStream(stdout, 1 << 16);
      buffer.writeTo(out);
      out.flush();
    } catch (IOException e) {
      stderr.println("cannot write the answer: " + e.getMessage());
      return 1;
    }
    stderr.printf(
        "objective %d, %d allocations, %d ms in all%n",
        result.objective(), result.allocations().size(), (System.nanoTime() - t0) / 1_000_000);
    return 0;
  }
}
