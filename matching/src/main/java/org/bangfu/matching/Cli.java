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
 * {@code match [--explain] INPUT.json} or {@code match [--explain] -} (standard input): the answer
 * on standard output, timings on standard error; with {@code --explain} (or when the input asks for
 * fairness or floors) the answer also lists the unmatched needs with their reasons, the rows per
 * need and donor, and the fairness report. Bad input: nothing on standard output, one line per
 * problem on standard error, exit code 2. Usage errors also exit with 2.
 */
public final class Cli {
  private Cli() {}

  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err));
  }

  static int run(String[] args, InputStream stdin, PrintStream stdout, PrintStream stderr) {
    boolean explain = args.length == 2 && args[0].equals("--explain");
    if (args.length != 1 && !explain) {
      stderr.println("usage: match [--explain] INPUT.json   (or - for standard input)");
      return 2;
    }
    String file = args[args.length - 1];
    long t0 = System.nanoTime();
    ProblemJson.Document doc;
    try (InputStream in =
        file.equals("-")
            ? stdin
            : new BufferedInputStream(Files.newInputStream(Path.of(file)), 1 << 16)) {
      doc = ProblemJson.readDocument(in);
    } catch (NoSuchFileException e) {
      stderr.println(file + ": no such file");
      return 2;
    } catch (IOException e) {
      stderr.println(file + ": cannot be read: " + e.getMessage());
      return 2;
    } catch (InvalidProblemException e) {
      e.lines().forEach(stderr::println);
      return 2;
    }
    Problem problem = doc.problem();
    // the options beyond the spec come with their explanation
    explain |= doc.options().fairness() != null || !doc.options().floors().isEmpty();
    stderr.printf(
        "read %d needs, %d pledges in %d ms%n",
        problem.needs().size(), problem.pledges().size(), (System.nanoTime() - t0) / 1_000_000);
    Result result;
    try {
      result = new AllocationEngine(stderr::println).solve(problem, doc.options());
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
      ResultJson.write(result, buffer, explain);
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
