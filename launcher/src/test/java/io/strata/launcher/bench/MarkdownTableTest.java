package io.strata.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MarkdownTableTest {
  private static final String HEADER = "| a | b |\n|---|---|";

  @Test
  void addsTheRowAfterTheLastRowOfItsOwnTableNotAtTheEndOfTheFile() {
    String md =
        "# Benchmarks\n\n## One\n\ntext\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nnotes\n\n## Two\n\n| x |\n|---|\n| 9 |\n";
    String out = MarkdownTable.withRow(md, "## One", HEADER, "| 3 | 4 |");
    assertThat(out)
        .isEqualTo(
            "# Benchmarks\n\n## One\n\ntext\n\n| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n\nnotes\n\n## Two\n\n| x |\n|---|\n| 9 |\n");
  }

  @Test
  void appendsHeadingHeaderAndRowWhenTheHeadingIsMissing() {
    String out = MarkdownTable.withRow("# Benchmarks\n\nintro\n", "## New", HEADER, "| 1 | 2 |");
    assertThat(out).isEqualTo("# Benchmarks\n\nintro\n\n## New\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
  }

  @Test
  void aTableAtTheEndOfTheFileGetsItsRow() {
    String out = MarkdownTable.withRow("## One\n\n| a | b |\n|---|---|\n| 1 | 2 |", "## One", HEADER, "| 3 | 4 |");
    assertThat(out).endsWith("| 1 | 2 |\n| 3 | 4 |\n");
  }

  @Test
  void aHeadingWithoutATableIsAnError() {
    assertThatThrownBy(() -> MarkdownTable.withRow("## One\n\ntext\n\n## Two\n\n| x |\n", "## One", HEADER, "| 1 |"))
        .hasMessageContaining("no table under '## One'");
  }
}
