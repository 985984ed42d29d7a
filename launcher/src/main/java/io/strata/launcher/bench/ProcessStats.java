package io.strata.launcher.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** CPU time and memory of this JVM, which runs the whole embedded stack, and of the machine. */
final class ProcessStats {
  private ProcessStats() {}

  /** CPU time of this process, all threads, in nanoseconds. */
  static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    throw new IllegalStateException("this JVM does not report process CPU time");
  }

  /** Peak resident set size of this process so far (Linux VmHWM), in MiB; -1 where unknown. */
  static long peakRssMiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
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
