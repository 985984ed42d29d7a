package io.strata.launcher.memory;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A JVM whose heap runs out stops with the watchdog's message and status, rather than thrash. */
class MemoryWatchdogIT {
  @Test
  void aFullHeapStopsTheJvmWithAClearMessage() throws Exception {
    Process process =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m", "-XX:+UseG1GC",
                    "-cp", System.getProperty("java.class.path"),
                    ThrashingHeap.class.getName()))
            .start();
    boolean stopped;
    try {
      stopped = process.waitFor(60, TimeUnit.SECONDS);
    } finally {
      process.destroyForcibly();
    }
    assertThat(stopped).as("stopped within 60 s").isTrue();
    String out = new String(process.getInputStream().readAllBytes(), UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), UTF_8);

    assertThat(out).as(err).contains("heap filled").doesNotContain("still running");
    assertThat(process.exitValue()).as(err).isEqualTo(MemoryWatchdog.EXIT_STATUS);
    assertThat(err)
        .contains("strata up: out of memory: ")
        .contains("stopping now rather than thrash")
        .contains("STRATA_HEAP=2g bin/strata up (this run: 128 MiB)");
  }
}
