package io.strata.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.launcher.generate.EventGenerator;
import io.strata.launcher.generate.GeneratedRecord;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher process is killed with SIGKILL mid-run and started again on the same data directory. */
class LauncherKillIT {
  @TempDir Path dataDir;
  @TempDir Path logs;

  @Test
  void aKilledLauncherResumesFromItsLastCheckpointWithNothingLostOrDoubled() throws Exception {
    EventGenerator generator = PipelineExactlyOnceIT.generator(3);
    List<GeneratedRecord> records = PipelineExactlyOnceIT.drain(generator);
    Map<String, String> invalid = PipelineAssertions.collectInvalid(records);
    Map<String, String> settings = TestStacks.settings(dataDir);
    String bootstrap = "127.0.0.1:" + settings.get("strata.kafka.port");
    URI catalog = URI.create("http://127.0.0.1:" + settings.get("strata.catalog.port"));
    Path errors = logs.resolve("launcher.log");

    try (LauncherProcess first = LauncherProcess.start(settings, errors)) {
      first.awaitReady(Duration.ofMinutes(3));
      BackgroundSend send = BackgroundSend.start(records, bootstrap, 20_000);
      send.await();
      try (LakeVerifier lake = new LakeVerifier(catalog)) {
        lake.awaitRows(1, Duration.ofMinutes(2));
        assertThat(lake.committedRows()).as("kill must hit mid-run").isLessThan(generator.checksum().count());
      }
      first.kill();
    }

    try (LauncherProcess second = LauncherProcess.start(settings, errors)) {
      assertThat(second.awaitReady(Duration.ofMinutes(3))).startsWith("Strata is ready");
      PipelineAssertions.assertExactlyOnce(generator, invalid, bootstrap, catalog);
    }
  }
}
