package io.strata.tiering.lake;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** One {@link LakeFixture} (an S3-compatible store and the REST catalog) shared by a test class's tests. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LakeIT {
  static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

  Path dir;
  LakeFixture lake;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    this.dir = dir;
    lake = LakeFixture.start(dir);
  }

  @AfterAll
  void stop() throws Exception {
    if (lake != null) {
      lake.close();
    }
  }
}
