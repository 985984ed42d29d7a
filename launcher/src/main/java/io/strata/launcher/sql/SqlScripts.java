package io.strata.launcher.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads the SQL that ships with Strata: {@code sql/} files and the {@code %%sql} cells of notebooks. */
public final class SqlScripts {
  private SqlScripts() {}

  /** The view definitions under {@code sql/views}, in version order (V001, V002, ...). */
  public static List<SqlScript> views(Path sqlDir) throws IOException {
    return files(sqlDir.resolve("views"));
  }

  /** Every {@code .sql} file under the folder and its sub-folders, sorted by path. */
  public static List<SqlScript> files(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("no SQL folder at " + dir.toAbsolutePath());
    }
    List<SqlScript> scripts = new ArrayList<>();
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.filter(p -> p.toString().endsWith(".sql")).sorted().toList()) {
        scripts.add(new SqlScript(dir.relativize(path).toString(), Files.readString(path)));
      }
    }
    return scripts;
  }

  /**
   * The {@code %%sql} cells of a Jupyter notebook, in order. The magic line may carry arguments (such as
   * {@code name <<} to keep the result); the SQL is the rest of the cell.
   */
  public static List<SqlScript> notebookCells(Path notebook) throws IOException {
    JsonNode cells = new ObjectMapper().readTree(notebook.toFile()).path("cells");
    List<SqlScript> scripts = new ArrayList<>();
    int index = 0;
    for (JsonNode cell : cells) {
      index++;
      if (!"code".equals(cell.path("cell_type").asText())) {
        continue;
      }
      StringBuilder source = new StringBuilder();
      cell.path("source").forEach(line -> source.append(line.asText()));
      String text = source.toString().strip();
      if (text.startsWith("%%sql")) {
        int firstNewline = text.indexOf('\n');
        if (firstNewline > 0) {
          scripts.add(
              new SqlScript(notebook.getFileName() + " cell " + index, text.substring(firstNewline + 1)));
        }
      }
    }
    return scripts;
  }
}
