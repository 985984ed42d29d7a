package io.strata.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.launcher.generate.EventGenerator;
import io.strata.launcher.generate.GeneratedRecord;
import io.strata.launcher.generate.GeneratorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordFileTest {
  @Test
  void readsBackTheSameBytesInTheSameOrderTwice(@TempDir Path dir) throws Exception {
    GeneratorConfig config =
        new GeneratorConfig(2_000, 0.05, 0.01, 3, 20, Instant.parse("2026-01-01T00:00:00Z"), Duration.ofDays(1), 7);
    List<GeneratedRecord> sent = new ArrayList<>();
    new EventGenerator(config).forEachRemaining(sent::add);

    RecordFile file = RecordFile.write(dir.resolve("events.bin"), sent.iterator());

    assertThat(file.records()).isEqualTo(2_000);
    assertThat(file.bytes()).isEqualTo(sent.stream().mapToLong(r -> r.key().length + r.value().length).sum());
    for (int pass = 0; pass < 2; pass++) {
      Iterator<GeneratedRecord> read = file.read();
      for (GeneratedRecord expected : sent) {
        GeneratedRecord actual = read.next();
        assertThat(actual.key()).isEqualTo(expected.key());
        assertThat(actual.value()).isEqualTo(expected.value());
      }
      assertThat(read.hasNext()).isFalse();
    }
  }
}
