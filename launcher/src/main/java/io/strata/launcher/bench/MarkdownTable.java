package io.strata.launcher.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Appends result rows to a table under a heading of a Markdown file such as BENCHMARKS.md, so that
 * each benchmark keeps its own table wherever it sits in the file.
 */
public final class MarkdownTable {
  private MarkdownTable() {}

  /**
   * Adds {@code row} after the last row of the table that follows {@code heading}; when the file has
   * no such heading, appends the heading, {@code header} (the table's first two lines) and the row.
   */
  public static void appendRow(Path file, String heading, String header, String row) throws IOException {
    String text = Files.exists(file) ? Files.readString(file) : "";
    Files.writeString(file, withRow(text, heading, header, row));
  }

  static String withRow(String markdown, String heading, String header, String row) {
    List<String> lines = new ArrayList<>(Arrays.asList(markdown.split("\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    int at = lines.indexOf(heading);
    if (at < 0) {
      if (!lines.isEmpty() && !lines.get(lines.size() - 1).isBlank()) {
        lines.add("");
      }
      lines.add(heading);
      lines.add("");
      lines.addAll(Arrays.asList(header.split("\n")));
      lines.add(row);
      return String.join("\n", lines) + "\n";
    }
    int i = at + 1;
    while (i < lines.size() && !lines.get(i).startsWith("|") && !lines.get(i).startsWith("#")) {
      i++;
    }
    if (i == lines.size() || lines.get(i).startsWith("#")) {
      throw new IllegalArgumentException("no table under '" + heading + "'");
    }
    while (i < lines.size() && lines.get(i).startsWith("|")) {
      i++;
    }
    lines.add(i, row);
    return String.join("\n", lines) + "\n";
  }
}
