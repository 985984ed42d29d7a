package io.strata.launcher.memory;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JVM whose heap runs out stops with the watchdog's message and status, rather than thrash. */
class MemoryWatchdogIT {
  @Test
  void aFullHeapStopsTheJvmWithAClearMessage(@TempDir Path dir) throws Exception {
    // Output goes to files: destroyForcibly() closes the pipes, racing the reaper that drains them.
    Path stdout = dir.resolve("stdout");
    Path stderr = dir.resolve("stderr");
    Process process =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m", "-XX:+UseG1GC",
                    "-cp", System.getProperty("java.class.path"),
                    ThrashingHeap.class.getName()))
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    boolean stopped;
    try {
      stopped = process.waitFor(60, TimeUnit.SECONDS);
    } finally {
      process.destroyForcibly();
    }
    assertThat(stopped).as("stopped within 60 s").isTrue();
    String out = Files.readString(stdout, UTF_8);
    String err = Files.readString(stderr, UTF_8);

    assertThat(out).as(err).contains("heap filled").doesNotContain("still running");
    assertThat(process.exitValue()).as(err).isEqualTo(MemoryWatchdog.EXIT_STATUS);
    assertThat(err)
        .contains("strata up: out of memory: ")
        .contains("stopping now rather than thrash")
        .contains("STRATA_HEAP=2g bin/strata up (this run: 128 MiB)");
  }
}
