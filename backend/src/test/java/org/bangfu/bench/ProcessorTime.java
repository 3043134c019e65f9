package org.bangfu.bench;

import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Processor time spent while a load ran, the figure a change to the server moves when the machine's
 * other work moves the requests a second: the server's whole process (JIT, GC and all, from /proc,
 * in clock ticks of 10 ms), the server's event loops (their threads' time on a core, from /proc in
 * nanoseconds), and the bare handler's event loops (its Vert.x inside this process, where the load
 * generator runs too; from the JVM's thread clocks).
 */
final class ProcessorTime {

  /** Nanoseconds of a clock tick of /proc's stat (USER_HZ, 100 on Linux). */
  private static final long TICK_NANOS = 10_000_000;

  /** Processor time so far, in nanoseconds. */
  record Sample(long server, long serverLoops, long bareLoops) {}

  /** A load's processor time per request, in microseconds. */
  record PerRequest(double server, double serverLoops, double bareLoops) {}

  private final long serverPid;
  private final List<Long> bareLoops = new ArrayList<>();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

  /** {@code serverPid} 0: no server to read (its figures are 0). */
  ProcessorTime(long serverPid, Vertx bare) {
    this.serverPid = serverPid;
    ((VertxInternal) bare)
        .nettyEventLoopGroup()
        .forEach(
            loop -> {
              try {
                bareLoops.add(loop.submit(() -> Thread.currentThread().getId()).get());
              } catch (Exception e) {
                throw new IllegalStateException("the bare handler's event loop did not answer", e);
              }
            });
  }

  Sample now() {
    long bare = 0;
    for (long id : bareLoops) {
      bare += Math.max(0, threads.getThreadCpuTime(id));
    }
    if (serverPid <= 0) {
      return new Sample(0, 0, bare);
    }
    return new Sample(processTicks() * TICK_NANOS, serverLoops(), bare);
  }

  static PerRequest per(Sample before, Sample after, int requests) {
    double n = Math.max(1, requests) * 1000.0;
    return new PerRequest(
        (after.server() - before.server()) / n,
        (after.serverLoops() - before.serverLoops()) / n,
        (after.bareLoops() - before.bareLoops()) / n);
  }

  /** utime + stime of the server's process (its fields 14 and 15, after the command's name). */
  private long processTicks() {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(serverPid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException e) {
      return 0;
    }
  }

  /** The time on a core of the server's event-loop threads (schedstat's first field). */
  private long serverLoops() {
    try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(serverPid), "task"))) {
      long sum = 0;
      for (Path task : tasks.toList()) {
        try {
          if (Files.readString(task.resolve("comm")).startsWith("vert.x-eventloo")) {
            sum += Long.parseLong(Files.readString(task.resolve("schedstat")).split(" ")[0]);
          }
        } catch (IOException | RuntimeException gone) {
          // a thread that ended meanwhile
        }
      }
      return sum;
    } catch (IOException e) {
      return 0;
    }
  }
}
