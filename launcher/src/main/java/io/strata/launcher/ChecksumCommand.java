package io.strata.launcher;

import io.strata.launcher.bench.LakeWatch;
import io.strata.launcher.console.Progress;
import io.strata.launcher.generate.EventChecksum;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code strata checksum}: the count and checksum of the lake's events, to compare with what was sent. */
@Command(
    name = "checksum",
    description = "Read every event of the lake table through the REST catalog and print its count and checksum"
        + " (count:sum), the same figure strata generate prints for the unique valid events it sent.")
final class ChecksumCommand implements Callable<Integer> {
  @Option(names = "--catalog", defaultValue = "http://127.0.0.1:8181", description = "The Iceberg REST catalog (default: ${DEFAULT-VALUE}).")
  String catalog;

  @Option(names = "--token", description = "The catalog's bearer token, when it has one.")
  String token;

  @Override
  public Integer call() throws Exception {
    try (LakeWatch lake = new LakeWatch(catalog, Optional.ofNullable(token))) {
      long rows = lake.rows();
      long started = System.nanoTime();
      EventChecksum checksum = lake.checksum(new Progress("reading the lake", rows));
      System.out.printf("checksum of the lake's events (count:sum): %s (read in %.1f s)%n", checksum.value(),
          (System.nanoTime() - started) / 1e9);
      return 0;
    } catch (RuntimeException e) {
      System.err.println("strata checksum: cannot read the lake through " + catalog + ": " + e.getMessage());
      return 1;
    }
  }
}
