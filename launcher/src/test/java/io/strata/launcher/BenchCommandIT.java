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
 * {@code strata bench} end to end on a small load: it starts its own stack, checks the lake holds
 * exactly the unique events (else it fails), and writes its JSON, two charts and a Markdown row.
 */
class BenchCommandIT {
  @Test
  void smallRunWritesConsistentResultsChartsAndARow(@TempDir Path dir) throws Exception {
    Path results = dir.resolve("results");
    Path markdown = dir.resolve("BENCHMARKS.md");
    Files.writeString(markdown, "# Benchmarks\n\n## Other\n\n| x |\n|---|\n| 1 |\n");

    int exit =
        new CommandLine(new StrataCli())
            .execute(
                "bench", "--events", "30000", "--warm-up-events", "5000", "--freshness-seconds", "5", "--results", results.toString(),
                "--markdown", markdown.toString(), "-D", "strata.checkpoint.interval=1s");

    assertThat(exit).isZero();
    List<Path> runs;
    try (Stream<Path> listing = Files.list(results)) {
      runs = listing.toList();
    }
    assertThat(runs).hasSize(1);
    JsonNode r = new ObjectMapper().readTree(runs.get(0).resolve("results.json").toFile());
    assertThat(r.get("events").asLong()).isEqualTo(30_000);
    assertThat(r.get("warmUpEvents").asLong()).isEqualTo(5_000);
    assertThat(r.get("warmUpSeconds").asDouble()).isPositive();
    assertThat(r.get("checkpointIntervalMs").asLong()).isEqualTo(1000);
    double ceiling = r.at("/ceiling/eventsPerSecond").asDouble();
    double endToEnd = r.at("/endToEnd/eventsPerSecond").asDouble();
    assertThat(ceiling)
        .isBetween(r.get("ceilingMinEventsPerSecond").asDouble(), r.get("ceilingMaxEventsPerSecond").asDouble());
    assertThat(endToEnd).isPositive();
    assertThat(r.at("/sustained/eventsPerSecond").asDouble()).isPositive();
    assertThat(r.get("ratioToCeiling").asDouble()).isCloseTo(endToEnd / ceiling, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(r.at("/endToEnd/megabytesPerSecond").asDouble())
        .isCloseTo(r.get("rawBytes").asLong() / 1e6 / r.at("/endToEnd/seconds").asDouble(), org.assertj.core.data.Offset.offset(1e-6));
    assertThat(r.get("lakeCommits").asInt()).isPositive();

    JsonNode fresh = r.get("freshness");
    assertThat(fresh.get("events").asLong()).isEqualTo(fresh.get("ratePerSecond").asLong() * 5);
    double p50 = fresh.get("p50Seconds").asDouble();
    double p99 = fresh.get("p99Seconds").asDouble();
    assertThat(p50).isPositive().isLessThanOrEqualTo(p99);
    assertThat(p99).isLessThanOrEqualTo(fresh.get("maxSeconds").asDouble());
    assertThat(fresh.get("p99ToInterval").asDouble()).isCloseTo(p99, org.assertj.core.data.Offset.offset(1e-9));

    assertThat(r.get("stackUserCpuSeconds").asDouble()).isPositive();
    assertThat(r.get("stackSystemCpuSeconds").asDouble()).isNotNegative();
    assertThat(r.get("peakRssMiB").asLong()).isPositive();
    assertThat(r.at("/curves/lakeRows")).isNotEmpty();
    // The lake curve ends at the events sent: the lake holds exactly those.
    JsonNode lastLake = r.at("/curves/lakeRows").get(r.at("/curves/lakeRows").size() - 1);
    assertThat(lastLake.get(1).asLong()).isEqualTo(30_000);

    for (String png : new String[] {"throughput.png", "freshness.png"}) {
      BufferedImage image = ImageIO.read(runs.get(0).resolve(png).toFile());
      assertThat(image.getWidth()).as(png).isEqualTo(1000);
      assertThat(image.getHeight()).as(png).isEqualTo(560);
    }

    List<String> lines = Files.readAllLines(markdown);
    int heading = lines.indexOf("## Pipeline throughput and freshness (`strata bench`)");
    assertThat(heading).isPositive();
    assertThat(lines.get(heading + 4)).startsWith("| " + r.get("date").asText().substring(0, 10) + " | ").contains(" | 30,000 | 1 s | ");
    assertThat(lines).contains("| 1 |");

    // The payload-validation comparison: a second stack with payloads unchecked, and validation alone.
    JsonNode v = new ObjectMapper().readTree(runs.get(0).resolve("validation.json").toFile());
    assertThat(v.at("/withValidation/eventsPerSecond").asDouble()).isEqualTo(endToEnd);
    assertThat(v.at("/withoutValidation/eventsPerSecond").asDouble()).isPositive();
    assertThat(v.at("/alone/events").asLong()).isEqualTo(30_000);
    assertThat(v.at("/alone/microsWithSchemas").asDouble()).isPositive();
    assertThat(v.at("/alone/microsWithout").asDouble()).isPositive();
    int validation = lines.indexOf("## Payload validation in ingest (`strata bench`)");
    assertThat(validation).isPositive();
    assertThat(lines.get(validation + 4)).startsWith("| " + r.get("date").asText().substring(0, 10) + " | ").contains(" | 30,000 | ");
  }
}
