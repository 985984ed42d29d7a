package io.strata.launcher.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SqlScriptsTest {
  private static final Path REPO = Path.of("").toAbsolutePath().getParent();

  @Test
  void viewsComeInVersionOrderWithoutSemicolons() throws Exception {
    var views = SqlScripts.views(REPO.resolve("sql"));
    assertThat(views).extracting(SqlScript::source).startsWith("V001__events_per_hour.sql").isSorted();
    assertThat(views).allSatisfy(v -> assertThat(v.sql()).startsWith("--").doesNotEndWith(";"));
  }

  @Test
  void notebookSqlCellsAreFound() throws Exception {
    var cells = SqlScripts.notebookCells(REPO.resolve("notebooks/strata-analyst-tour.ipynb"));
    assertThat(cells).hasSizeGreaterThan(5);
    assertThat(cells).allSatisfy(c -> assertThat(c.sql()).doesNotStartWith("%%sql"));
    assertThat(cells).anySatisfy(c -> assertThat(c.sql()).contains("{{snapshot_id}}"));
  }

  @Test
  void placeholdersAndEmptyScripts() {
    assertThat(new SqlScript("x", "SELECT {{n}};").with("n", "1").sql()).isEqualTo("SELECT 1");
    assertThatThrownBy(() -> new SqlScript("empty.sql", " ; ")).hasMessage("empty.sql holds no SQL");
  }
}
