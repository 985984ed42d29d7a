package io.strata.launcher;

import io.strata.catalog.EventsTable;
import io.strata.catalog.RestClientProperties;
import io.strata.tiering.MaintenancePlan;
import io.strata.tiering.PartitionFiles;
import io.strata.tiering.PolicyDecisions;
import io.strata.tiering.PolicyException;
import io.strata.tiering.PolicyFiles;
import io.strata.tiering.TieringPolicy;
import io.strata.tiering.lake.LakeMaintenance;
import io.strata.tiering.lake.LakeSnapshot;
import io.strata.tiering.lake.RunRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.rest.RESTCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code strata policy}: tiering policies. */
@Command(name = "policy", description = "Tiering policies of the lake (tiering-policies/).", subcommands = {PolicyCommand.Check.class, PolicyCommand.Run.class})
final class PolicyCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("strata policy: say which: check FILE, run [FILE...] (strata policy --help)");
    return 2;
  }

  /** {@code strata policy check FILE}: the policy checked, and what it would do now to the live table. */
  @Command(name = "check", description = "Check a policy file and print what it would do now to the live table: a dry run"
      + " (partitions, files and bytes to compact, turn cold or expire; the snapshot and orphan-file cut-offs).")
  static final class Check implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The policy file, e.g. tiering-policies/events.yaml.")
    Path file;

    @Option(names = "--catalog", defaultValue = "http://127.0.0.1:8181", description = "The Iceberg REST catalog (default: ${DEFAULT-VALUE}).")
    String catalog;

    @Option(names = "--token", description = "The catalog's bearer token, when it has one.")
    String token;

    @Override
    public Integer call() throws Exception {
      TieringPolicy policy;
      try {
        policy = PolicyFiles.read(file, EventsTable.columnNames());
      } catch (PolicyException e) {
        System.err.println("strata policy check: " + e.getMessage());
        return 2;
      }
      System.out.println(file + ": valid (policy '" + policy.name() + "', " + (policy.eventTypes().isEmpty()
          ? "every event type" : "event types " + policy.eventTypes()) + ")");
      List<PartitionFiles> partitions;
      List<Snapshot> snapshots;
      try (RESTCatalog rest = new RESTCatalog()) {
        rest.initialize("strata-policy", RestClientProperties.of(catalog, Optional.ofNullable(token)));
        Table table = rest.loadTable(EventsTable.IDENTIFIER);
        partitions = LakeSnapshot.read(table).partitions();
        snapshots = new ArrayList<>();
        table.snapshots().forEach(snapshots::add);
      } catch (RuntimeException e) {
        System.err.println("strata policy check: cannot read " + PolicyFiles.TABLE + " through " + catalog + ": " + e.getMessage());
        return 1;
      }
      Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
      MaintenancePlan plan = PolicyDecisions.decide(policy, partitions, now);
      print(policy, partitions, snapshots, plan, now);
      return 0;
    }

    private static void print(TieringPolicy policy, List<PartitionFiles> partitions, List<Snapshot> snapshots, MaintenancePlan plan,
        Instant now) {
      List<PartitionFiles> governed = partitions.stream().filter(p -> policy.governs(p.eventType())).toList();
      System.out.printf(Locale.ROOT, "%s now (%s): %d partitions governed by this policy, %,d data files, %s, %,d rows%n",
          PolicyFiles.TABLE, now, governed.size(), governed.stream().mapToInt(p -> p.files().size()).sum(),
          size(governed.stream().mapToLong(PartitionFiles::bytes).sum()), governed.stream().mapToLong(PartitionFiles::records).sum());
      System.out.println("dry run: nothing is changed");
      System.out.println();
      System.out.printf(Locale.ROOT, "%-8s %-54s %7s %11s %12s  %s%n", "action", "partition", "files", "bytes", "rows", "after");
      for (MaintenancePlan.Action action : plan.actions()) {
        long bytes = action.files().stream().mapToLong(PartitionFiles.DataFile::bytes).sum();
        long rows = action.files().stream().mapToLong(PartitionFiles.DataFile::records).sum();
        String what;
        String after;
        if (action instanceof MaintenancePlan.Compact c) {
          what = "compact";
          after = String.format(Locale.ROOT, "%d file(s) of up to %s, sorted by %s", c.filesAfter(), size(c.targetFileBytes()), c.sortOrder());
        } else if (action instanceof MaintenancePlan.MakeCold c) {
          what = "cold";
          after = String.format(Locale.ROOT, "%d file(s) of up to %s, %s, sorted by %s, in the month's partition", c.filesAfter(),
              size(c.targetFileBytes()), c.compression(), c.sortOrder());
        } else {
          what = "expire";
          after = "deleted (files go once no retained snapshot needs them)";
        }
        System.out.printf(Locale.ROOT, "%-8s %-54s %7d %11s %,12d  %s%n", what, action.partition().describe(), action.files().size(),
            size(bytes), rows, after);
      }
      // A cold roll-up takes the files of many day partitions in one action: count partitions, not actions.
      java.util.Set<String> touched = new java.util.HashSet<>();
      plan.actions().forEach(a -> a.files().forEach(f -> touched.add(f.path())));
      long untouched = governed.stream().filter(p -> p.files().stream().noneMatch(f -> touched.contains(f.path()))).count();
      System.out.printf(Locale.ROOT, "%d of %d partitions left as they are%n%n", untouched, governed.size());

      List<Snapshot> newestFirst = snapshots.stream().sorted(Comparator.comparingLong(Snapshot::timestampMillis).reversed()).toList();
      long expiring = 0;
      for (int i = plan.minSnapshots(); i < newestFirst.size(); i++) {
        if (newestFirst.get(i).timestampMillis() < plan.expireSnapshotsBefore().toEpochMilli()) {
          expiring++;
        }
      }
      System.out.printf(Locale.ROOT, "snapshots: %d, of which %d older than %s (keep %s, at least %d) would expire%n",
          snapshots.size(), expiring, plan.expireSnapshotsBefore(), PolicyFiles.durationText(policy.snapshotRetention()), plan.minSnapshots());
      System.out.printf(Locale.ROOT, "orphan files: those last modified before %s and referenced by no retained snapshot would be deleted"
          + " (the dry run does not list the storage)%n", plan.deleteOrphansBefore());
      System.out.printf(Locale.ROOT, "hot log: records kept %s, and never deleted before the lake has committed them%n",
          PolicyFiles.durationText(policy.hotLogRetention()));
    }

    static String size(long bytes) {
      return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
          : String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }
  }

  /** {@code strata policy run}: one maintenance pass now, as the maintenance job makes them. */
  @Command(name = "run", description = "Run one maintenance pass now against the live table, as the maintenance job does on its"
      + " schedule: compaction, cold rewrites, partition expiry and snapshot expiry (orphan cleanup with --orphans); print and"
      + " record (lake.strata.maintenance_runs) each action.")
  static final class Run implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Policy files (default: every file in tiering-policies/).")
    List<Path> files = new ArrayList<>();

    @Option(names = "--policies", defaultValue = "tiering-policies", description = "The policy folder when no FILE is given (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--catalog", defaultValue = "http://127.0.0.1:8181", description = "The Iceberg REST catalog (default: ${DEFAULT-VALUE}).")
    String catalog;

    @Option(names = "--token", description = "The catalog's bearer token, when it has one.")
    String token;

    @Option(names = "--orphans", description = "Also delete orphan files (lists the table's whole storage).")
    boolean orphans;

    @Option(names = "--spill-dir", description = "Local folder for the sorted runs of a rewrite (default: the system's temporary folder).")
    Path spillDir = Path.of(System.getProperty("java.io.tmpdir"), "strata-maintenance");

    @Option(names = "--rows-in-memory", defaultValue = "50000", description = "The most rows a rewrite holds in memory (default: ${DEFAULT-VALUE}).")
    int rowsInMemory;

    @Override
    public Integer call() throws Exception {
      List<TieringPolicy> policies;
      try {
        policies = files.isEmpty() ? PolicyFiles.load(dir, EventsTable.columnNames())
            : files.stream().map(f -> PolicyFiles.read(f, EventsTable.columnNames())).toList();
      } catch (PolicyException e) {
        System.err.println("strata policy run: " + e.getMessage());
        return 2;
      }
      if (policies.isEmpty()) {
        System.err.println("strata policy run: no policy files in " + dir);
        return 2;
      }
      List<RunRecord> records;
      try (RESTCatalog rest = new RESTCatalog()) {
        rest.initialize("strata-policy", RestClientProperties.of(catalog, Optional.ofNullable(token)));
        long start = System.nanoTime();
        records = new LakeMaintenance(rest, new LakeMaintenance.Settings(spillDir, rowsInMemory, 3), java.time.Clock.systemUTC())
            .run(policies, orphans);
        System.out.printf(Locale.ROOT, "maintenance pass of %d policies in %.1f s%n", policies.size(), (System.nanoTime() - start) / 1e9);
      } catch (RuntimeException e) {
        System.err.println("strata policy run: cannot maintain " + PolicyFiles.TABLE + " through " + catalog + ": " + e.getMessage());
        return 1;
      }
      System.out.printf(Locale.ROOT, "%-17s %-54s %13s %23s %12s %8s  %s%n", "action", "partition", "files", "bytes", "rows", "ms", "outcome");
      for (RunRecord r : records) {
        System.out.printf(Locale.ROOT, "%-17s %-54s %6d->%-6d %11s->%-11s %,12d %8d  %s%s%n", r.action(),
            r.partition() == null ? "(table)" : r.partition(), r.filesBefore(), r.filesAfter(), Check.size(r.bytesBefore()),
            Check.size(r.bytesAfter()), r.rows(), r.durationMillis(), r.outcome(), r.message() == null ? "" : ": " + r.message());
      }
      return records.stream().allMatch(RunRecord::succeeded) ? 0 : 1;
    }
  }
}
