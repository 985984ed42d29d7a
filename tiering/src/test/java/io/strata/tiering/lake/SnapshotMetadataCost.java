package io.strata.tiering.lake;

import java.util.Map;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadataParser;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.types.Types;

/**
 * What each snapshot a table keeps costs: commit time and {@code metadata.json} size as snapshots
 * accumulate, metadata only, in Iceberg's in-memory catalog (no object store, no REST round trip, so a
 * lower bound). Each commit appends 10 files (a tier checkpoint touching 10 partitions) with the Flink
 * sink's summary properties; every 1,000 commits it prints the mean of 20 single-file commits.
 * Run: {@code java -cp "$(cat launcher/target/classpath.txt)" tiering/src/test/java/io/strata/tiering/lake/SnapshotMetadataCost.java 4000}
 * (BENCHMARKS.md, "Snapshots and metadata").
 */
public class SnapshotMetadataCost {
  public static void main(String[] a) {
    InMemoryCatalog catalog = new InMemoryCatalog();
    catalog.initialize("mem", Map.of());
    catalog.createNamespace(Namespace.of("s"));
    Schema schema = new Schema(Types.NestedField.required(1, "t", Types.TimestampType.withZone()), Types.NestedField.required(2, "k", Types.StringType.get()));
    PartitionSpec spec = PartitionSpec.builderFor(schema).day("t").identity("k").build();
    Table table = catalog.createTable(TableIdentifier.of("s", "e"), schema, spec, Map.of("format-version", "2", "write.metadata.delete-after-commit.enabled", "true", "write.metadata.previous-versions-max", "50"));
    int total = Integer.parseInt(a[0]);
    long t0 = System.nanoTime();
    for (int i = 1; i <= total; i++) {
      AppendFiles append = table.newAppend();
      for (int f = 0; f < 10; f++) {
        append.appendFile(file(spec, "s3://b/d/" + i + "-" + f + ".parquet", 100_000, 1000, "t_day=2026-12-0" + (1 + f % 5) + "/k=type" + f));
      }
      append.set("flink.max-committed-checkpoint-id", Integer.toString(i)).set("flink.job-id", "0123456789abcdef0123456789abcdef")
          .set("flink.operator-id", "fedcba9876543210fedcba9876543210").commit();
      if (i % 1000 == 0) {
        long s = System.nanoTime();
        int n = 20;
        for (int j = 0; j < n; j++) {
          table.newFastAppend().appendFile(file(spec, "s3://b/x/" + i + "-" + j, 1, 1, "t_day=2026-12-01/k=type0")).commit();
        }
        double ms = (System.nanoTime() - s) / 1e6 / n;
        String json = TableMetadataParser.toJson(((HasTableOperations) table).operations().current());
        System.out.printf("%,7d snapshots  commit %.1f ms  metadata.json %,d bytes (%.0f per snapshot)%n", table.currentSnapshot().sequenceNumber(), ms, json.length(), json.length() / (double) table.currentSnapshot().sequenceNumber());
        i += n;
      }
    }
    System.out.printf("total %.0f s%n", (System.nanoTime() - t0) / 1e9);
  }

  private static DataFile file(PartitionSpec spec, String path, long bytes, long rows, String partition) {
    return DataFiles.builder(spec).withPath(path).withFileSizeInBytes(bytes).withRecordCount(rows).withPartitionPath(partition)
        .withFormat(FileFormat.PARQUET).build();
  }
}
