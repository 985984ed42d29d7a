package io.strata.launcher.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlinkRunnerTest {
  @TempDir Path dir;

  @Test
  void jobIdsAreStablePerNameAndDistinct() {
    assertThat(FlinkRunner.jobId("ingest")).isEqualTo(FlinkRunner.jobId("ingest"));
    assertThat(FlinkRunner.jobId("ingest")).isNotEqualTo(FlinkRunner.jobId("tier"));
  }

  @Test
  void theNewestCompletedCheckpointIsChosen() throws Exception {
    JobID id = FlinkRunner.jobId("ingest");
    String root = dir.toUri().toString();
    assertThat(FlinkRunner.latestCheckpoint(root, id)).isEmpty();
    Path jobDir = dir.resolve(id.toHexString());
    complete(jobDir.resolve("chk-9"));
    complete(jobDir.resolve("chk-12"));
    Files.createDirectories(jobDir.resolve("chk-13")); // a crash mid-checkpoint: no _metadata
    Files.createDirectories(jobDir.resolve("shared"));
    assertThat(FlinkRunner.latestCheckpoint(root, id)).hasValueSatisfying(p -> assertThat(p).endsWith("/chk-12"));
  }

  private static void complete(Path checkpoint) throws Exception {
    Files.createDirectories(checkpoint);
    Files.writeString(checkpoint.resolve("_metadata"), "x");
  }
}
