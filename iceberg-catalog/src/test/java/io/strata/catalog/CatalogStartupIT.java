package io.strata.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.embedded.FreePorts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up fails early and says which setting is wrong. */
class CatalogStartupIT {
  @TempDir Path dir;

  @Test
  void aTakenPortIsNamedBeforeTheDatabaseIsTouched() throws Exception {
    Path database = dir.resolve("never").resolve("catalog.db");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Map<String, String> properties =
          Map.of(
              CatalogConfig.PORT, String.valueOf(taken.getLocalPort()),
              CatalogConfig.JDBC_URL, "jdbc:sqlite:" + database);

      assertThatThrownBy(() -> CatalogServer.start(CatalogConfig.fromProperties(properties)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "strata.catalog.port: port " + taken.getLocalPort()
                  + " on 127.0.0.1 is already in use");
    }
    assertThat(Files.exists(database.getParent())).isFalse();
  }

  @Test
  void anUnreachableDatabaseIsNamedAndThePortReleased() {
    int port = FreePorts.pick();
    int closedPostgresPort = FreePorts.pick();
    Map<String, String> properties =
        Map.of(
            CatalogConfig.PORT, String.valueOf(port),
            CatalogConfig.JDBC_URL,
                "jdbc:postgresql://127.0.0.1:" + closedPostgresPort
                    + "/catalog?user=strata&password=hunter2&connectTimeout=5");

    assertThatThrownBy(() -> CatalogServer.start(CatalogConfig.fromProperties(properties)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "strata.catalog.jdbc-url: cannot open the catalog database at "
                + "jdbc:postgresql://127.0.0.1:" + closedPostgresPort)
        .satisfies(e -> assertThat(stackTraceOf(e)).doesNotContain("hunter2"));
    assertThat(FreePorts.requireFree(CatalogConfig.PORT, port)).isEqualTo(port);
  }

  @Test
  void aMissingBucketIsReportedWithTheWarehouse() throws Exception {
    try (TestingStack stack = TestingStack.start(dir)) {
      Map<String, String> properties =
          stack.properties("jdbc:sqlite:" + dir.resolve("catalog.db"), "strata");
      properties.put(CatalogConfig.WAREHOUSE, "s3://no-such-bucket/warehouse");

      assertThatThrownBy(() -> CatalogServer.start(CatalogConfig.fromProperties(properties)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith(
              "cannot create strata.events under s3://no-such-bucket/warehouse (check "
                  + "strata.catalog.warehouse");
    }
  }

  private static String stackTraceOf(Throwable e) {
    StringWriter text = new StringWriter();
    e.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}
