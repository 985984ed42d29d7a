package io.strata.launcher;

import io.strata.launcher.sql.ResultTable;
import io.strata.launcher.sql.SqlScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code strata sql}: runs one statement against the stack's Trino and prints the result. */
@Command(name = "sql", description = "Run SQL on Trino over the lake, e.g. strata sql \"SELECT count(*) FROM lake.strata.events\".")
final class SqlCommand implements Callable<Integer> {
  @Option(names = "--server", defaultValue = "jdbc:trino://127.0.0.1:8080/lake", description = "Trino JDBC URL (default: ${DEFAULT-VALUE}).")
  String server;

  @Option(names = "--user", defaultValue = "strata", description = "Trino user (default: ${DEFAULT-VALUE}).")
  String user;

  @Option(names = {"-f", "--file"}, description = "Read the statement from a file.")
  Path file;

  @Parameters(arity = "0..1", description = "The statement.")
  String statement;

  @Override
  public Integer call() throws Exception {
    if ((statement == null) == (file == null)) {
      System.err.println("strata sql: give either a statement or --file");
      return 2;
    }
    SqlScript script =
        file == null ? new SqlScript("command line", statement) : new SqlScript(file.toString(), Files.readString(file));
    Properties props = new Properties();
    props.setProperty("user", user);
    try (Connection trino = DriverManager.getConnection(server, props);
        Statement st = trino.createStatement()) {
      if (st.execute(script.sql())) {
        ResultTable.print(st.getResultSet(), System.out);
      } else {
        System.out.println("OK");
      }
      return 0;
    } catch (SQLException e) {
      System.err.println("strata sql: " + e.getMessage());
      return 1;
    }
  }
}
