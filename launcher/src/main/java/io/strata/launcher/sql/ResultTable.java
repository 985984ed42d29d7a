package io.strata.launcher.sql;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Prints a result set as an aligned text table, as the Trino CLI does. */
public final class ResultTable {
  private ResultTable() {}

  /** Prints the rows and returns how many there were. */
  public static int print(ResultSet rows, PrintStream out) throws SQLException {
    ResultSetMetaData meta = rows.getMetaData();
    int columns = meta.getColumnCount();
    List<String[]> lines = new ArrayList<>();
    String[] header = new String[columns];
    int[] widths = new int[columns];
    for (int c = 0; c < columns; c++) {
      header[c] = meta.getColumnLabel(c + 1);
      widths[c] = header[c].length();
    }
    while (rows.next()) {
      String[] line = new String[columns];
      for (int c = 0; c < columns; c++) {
        Object value = rows.getObject(c + 1);
        line[c] = value == null ? "NULL" : value.toString();
        widths[c] = Math.max(widths[c], line[c].length());
      }
      lines.add(line);
    }
    printLine(out, header, widths);
    StringBuilder rule = new StringBuilder();
    for (int c = 0; c < columns; c++) {
      rule.append(c == 0 ? "" : "-+-").append("-".repeat(widths[c]));
    }
    out.println(rule);
    lines.forEach(line -> printLine(out, line, widths));
    out.printf("(%d row%s)%n", lines.size(), lines.size() == 1 ? "" : "s");
    return lines.size();
  }

  private static void printLine(PrintStream out, String[] cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.length; c++) {
      line.append(c == 0 ? "" : " | ").append(String.format("%-" + widths[c] + "s", cells[c]));
    }
    out.println(line.toString().stripTrailing());
  }
}
