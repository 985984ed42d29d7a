package io.strata.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code strata soak} on a short, given load: it starts its own stack, samples as it goes, reads every
 * event back from the lake for the checksum, and writes its JSON, the chart and a Markdown row. The
 * real soak (30 minutes and more) is a benchmark command, not a test.
 */
class SoakCommandIT {
  @Test
  void shortRunSamplesChecksTheLakeAndWritesItsResults(@TempDir Path dir) throws Exception {
    Path results = dir.resolve("results");
    Path markdown = dir.resolve("BENCHMARKS.md");

    int exit =
        new CommandLine(new StrataCli())
            .execute(
                "soak", "--minutes", "0.75", "--rate", "3000", "--sample-seconds", "3", "--warm-up-events", "5000",
                "--results", results.toString(), "--markdown", markdown.toString(),
                "-D", "strata.checkpoint.interval=2s");

    List<Path> runs;
    try (Stream<Path> listing = Files.list(results)) {
      runs = listing.toList();
    }
    assertThat(runs).hasSize(1);
    JsonNode r = new ObjectMapper().readTree(runs.get(0).resolve("results.json").toFile());
    // The exit status is the verdict's.
    assertThat(exit).isEqualTo(r.at("/verdict/passed").asBoolean() ? 0 : 1);

    assertThat(r.get("rate").asInt()).isEqualTo(3000);
    assertThat(r.get("measuredRate").asDouble()).isZero();
    assertThat(r.get("recordsSent").asLong()).isEqualTo(3000 * 45);
    // Exactly once: every unique valid event of the run in the lake, once, unchanged.
    assertThat(r.get("lakeChecksum").asText()).isEqualTo(r.get("expectedChecksum").asText());
    assertThat(r.get("lakeChecksum").asText()).startsWith(r.get("uniqueEvents").asLong() + ":");
    assertThat(r.get("uniqueEvents").asLong()).isBetween(3000L * 45 * 90 / 100, 3000L * 45 * 96 / 100);
    assertThat(r.at("/verdict/lakeExact").asBoolean()).isTrue();
    assertThat(r.get("checkpointIntervalMs").asLong()).isEqualTo(2000);

    JsonNode samples = r.get("samples");
    assertThat(samples.size()).isGreaterThanOrEqualTo(12);
    JsonNode last = samples.get(samples.size() - 1);
    assertThat(last.get("lakeRows").asLong()).isEqualTo(r.get("uniqueEvents").asLong());
    assertThat(last.get("sentRecords").asLong()).isEqualTo(r.get("recordsSent").asLong());
    for (JsonNode s : samples) {
      assertThat(s.get("heapAfterGcMiB").asDouble()).isPositive();
      assertThat(s.get("rssMiB").asDouble()).isPositive();
    }
    // The pipeline's own figures came through the metrics endpoint: ids remembered, checkpoints taken.
    assertThat(last.get("stateKeys").asDouble()).isGreaterThan(r.get("uniqueEvents").asLong() * 0.9);
    assertThat(last.get("checkpointFullMiB").asDouble()).isPositive();
    assertThat(last.get("checkpointSeconds").asDouble()).isPositive();
    long tracked = 0;
    for (JsonNode s : samples) {
      tracked += s.get("freshnessEvents").asLong();
    }
    assertThat(tracked).as("tracked events, one in 32 of those sent").isGreaterThan(r.get("uniqueEvents").asLong() / 40);
    assertThat(r.at("/verdict/freshnessP99First").asDouble()).isPositive();

    BufferedImage image = ImageIO.read(runs.get(0).resolve("soak.png").toFile());
    assertThat(image.getWidth()).isEqualTo(1100);
    assertThat(image.getHeight()).isEqualTo(1500);
    List<String> lines = Files.readAllLines(markdown);
    int heading = lines.indexOf("## Soak: the write path under a steady load (`strata soak`)");
    assertThat(heading).isNotNegative();
    assertThat(lines.get(heading + 4)).startsWith("| " + r.get("date").asText().substring(0, 10) + " | ").contains(" | 3,000/s for 1 min | ");
  }
}
