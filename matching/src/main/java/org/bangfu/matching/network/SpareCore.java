package org.bangfu.matching.network;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A round's cores and the unit tasks that hold them. The units are solved one task per unit on as
 * many threads as there are cores, largest first ({@link RoundSolution#runAll}); the largest unit
 * finishes last, alone, while the other cores wait — its decomposition, its part of the answer and
 * its pricing searches run after every other unit is done. Such a task may then hand half of that
 * work to a thread of its own ({@link #both}); while the other units' tasks still run, it does all
 * of it itself, so a round never has more threads working than cores.
 */
final class SpareCore {
  private static final int CORES =
      Integer.getInteger("bangfu.cores", Runtime.getRuntime().availableProcessors());

  /** Unit tasks submitted and not yet done. */
  private final AtomicInteger tasks = new AtomicInteger();

  void taskStarted() {
    tasks.incrementAndGet();
  }

  void taskDone() {
    tasks.decrementAndGet();
  }

  void reset() {
    tasks.set(0);
  }

  /** Whether a core waits: fewer unit tasks left than cores. */
  boolean free() {
    return tasks.get() < CORES;
  }

  /**
   * Runs {@code here} on this thread and {@code beside} on a thread of its own if {@code
   * twoThreads}, else one after the other (here first); returns when both are done, throwing what
   * either threw.
   */
  static void both(boolean twoThreads, Runnable here, Runnable beside) {
    if (!twoThreads) {
      here.run();
      beside.run();
      return;
    }
    Throwable[] failed = new Throwable[1];
    Thread th =
        new Thread(
            () -> {
              try {
                beside.run();
              } catch (Throwable e) {
                failed[0] = e;
              }
            },
            "bangfu-beside");
    th.setDaemon(true);
    th.start();
    try {
      here.run();
    } finally {
      boolean interrupted = false;
      while (true) {
        try {
          th.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    if (failed[0] instanceof RuntimeException re) {
      throw re;
    }
    if (failed[0] instanceof Error err) {
      throw err;
    }
  }
}
