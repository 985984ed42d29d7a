package io.strata.launcher.console;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void lineShowsTheBarCountsShareRateAndTimeLeft() {
    Progress progress = new Progress("sending", 1000, System.err, false, 10);
    assertThat(progress.line(250, 0, 5.0))
        .isEqualTo("sending [########......................] 250 of 1,000 (25%) at 50/s, 15 s left");
    assertThat(progress.line(1000, 0, 10.0))
        .isEqualTo("sending [##############################] 1,000 of 1,000 (100%) at 100/s");
  }

  @Test
  void theRateCountsFromTheFirstUpdateNotFromZero() {
    Progress progress = new Progress("in the lake", 10_000, System.err, false, 10);
    assertThat(progress.line(1000, 1000, 0)).isEqualTo("in the lake [###...........................] 1,000 of 10,000 (10%) at 0/s");
    assertThat(progress.line(2000, 1000, 1.0)).endsWith("2,000 of 10,000 (20%) at 1,000/s, 8 s left");
  }

  @Test
  void withoutATerminalItPrintsPlainLinesAndAlwaysTheLast() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Progress progress = new Progress("folding", 3, new PrintStream(bytes, true, UTF_8), false, 3600);
    progress.update(1);
    progress.update(2);
    progress.done(3);
    String[] lines = bytes.toString(UTF_8).split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0]).startsWith("folding [##########....................] 1 of 3 (33%)");
    assertThat(lines[1]).startsWith("folding [##############################] 3 of 3 (100%)");
  }

  @Test
  void theLastLineIsNotPrintedTwiceWhenTheLastUpdateWasTheTotal() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Progress progress = new Progress("loading", 3, new PrintStream(bytes, true, UTF_8), false, 3600);
    progress.update(1);
    progress.update(3);
    progress.done(3);
    assertThat(bytes.toString(UTF_8).split("\n")).hasSize(2);
  }
}
