package io.strata.launcher.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** CPU time and memory of this JVM, which runs the whole embedded stack, and of the machine. */
final class ProcessStats {
  private ProcessStats() {}

  /** CPU time of this process, all threads: in user mode and in the kernel on its behalf. */
  record CpuTimes(long userNanos, long systemNanos) {
    CpuTimes minus(CpuTimes earlier) {
      return new CpuTimes(userNanos - earlier.userNanos, systemNanos - earlier.systemNanos);
    }

    /** Less user time spent elsewhere (the load generator's threads). */
    CpuTimes minusUser(long nanos) {
      return new CpuTimes(userNanos - nanos, systemNanos);
    }

    double userSeconds() {
      return userNanos / 1e9;
    }

    double systemSeconds() {
      return systemNanos / 1e9;
    }
  }

  /**
   * From {@code /proc/self/stat} (utime, stime; 100 ticks a second, as on every Linux build this runs
   * on); elsewhere the JVM's process CPU time, all counted as user time.
   */
  static CpuTimes cpuTimes() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      // Fields after the command name, which is in parentheses and may hold spaces.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long tickNanos = 10_000_000L;
      return new CpuTimes(Long.parseLong(fields[11]) * tickNanos, Long.parseLong(fields[12]) * tickNanos);
    } catch (IOException | RuntimeException e) {
      if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
        return new CpuTimes(os.getProcessCpuTime(), 0);
      }
      throw new IllegalStateException("this JVM does not report process CPU time", e);
    }
  }

  /** Peak resident set size of this process so far (Linux VmHWM), in MiB; -1 where unknown. */
  static long peakRssMiB() {
    return statusMiB("VmHWM:");
  }

  /** Resident set size of this process now (Linux VmRSS), in MiB; -1 where unknown. */
  static long rssMiB() {
    return statusMiB("VmRSS:");
  }

  private static long statusMiB(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /** Cores, memory, OS and JVM: the machine line of a result. */
  static String machine() {
    long memoryGiB = -1;
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      memoryGiB = Math.round(os.getTotalMemorySize() / (double) (1L << 30));
    }
    return String.format(
        Locale.ROOT, "%d cores, %d GiB, %s %s, Java %s",
        Runtime.getRuntime().availableProcessors(), memoryGiB, System.getProperty("os.name"),
        System.getProperty("os.version"), System.getProperty("java.version"));
  }
}
