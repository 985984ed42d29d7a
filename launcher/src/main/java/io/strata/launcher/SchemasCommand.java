package io.strata.launcher;

import io.strata.config.FileKeyException;
import io.strata.launcher.metrics.MetricsText;
import io.strata.launcher.schemas.SchemaReleases;
import io.strata.schemas.Breaking;
import io.strata.schemas.CatalogRelease;
import io.strata.schemas.CompatibilityCheck;
import io.strata.schemas.DeprecatedField;
import io.strata.schemas.EventTypeSchema;
import io.strata.schemas.IncompatibleCatalogException;
import io.strata.schemas.ReleaseDecision;
import io.strata.schemas.SchemaCatalog;
import io.strata.schemas.SchemaFiles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code strata schemas}: the event types, as files ({@code schemas/}) and as the running stack has them. */
@Command(
    name = "schemas",
    description = "Event types: check the schemas/ folder, apply it to a running stack, list what runs.",
    subcommands = {SchemasCommand.Check.class, SchemasCommand.Apply.class, SchemasCommand.List.class})
final class SchemasCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("strata schemas: say which: check, apply or list (strata schemas --help)");
    return 2;
  }

  /** The folder loaded, or null with the file, key and why printed. */
  private static SchemaCatalog load(String command, Path dir) {
    try {
      return SchemaFiles.load(dir);
    } catch (FileKeyException e) {
      System.err.println("strata schemas " + command + ": " + e.getMessage());
      return null;
    }
  }

  private static void printBreaking(String command, java.util.List<Breaking> breaking) {
    System.err.println("strata schemas " + command + ": refused, " + breaking.size() + " breaking change"
        + (breaking.size() == 1 ? "" : "s") + ":");
    breaking.forEach(b -> System.err.println("  " + b.message()));
  }

  /** {@code strata schemas check}: every file valid and every type compatible by its rule, offline. */
  @Command(name = "check", description = {
      "Check the event type files: each one valid (file, key and why when not), every version compatible with the",
      "earlier ones by its type's rule (BACKWARD_TRANSITIVE unless type.yaml says otherwise), upcast steps included.",
      "Needs no running stack. Exit status 0 when all is well, 1 otherwise."})
  static final class Check implements Callable<Integer> {
    @Option(names = "--dir", defaultValue = "schemas", description = "The event type folder (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Override
    public Integer call() {
      SchemaCatalog catalog = load("check", dir);
      if (catalog == null) {
        return 1;
      }
      java.util.List<Breaking> breaking = CompatibilityCheck.check(catalog);
      if (!breaking.isEmpty()) {
        printBreaking("check", breaking);
        return 1;
      }
      for (EventTypeSchema type : catalog.types()) {
        System.out.printf("%-24s v1..v%d  %-20s owner %s%n", type.name(), type.latestVersion(), type.compatibility(), type.owner());
      }
      System.out.println(dir + ": " + catalog.types().size() + " event types, all compatible (fingerprint "
          + catalog.fingerprint().substring(0, 12) + ")");
      return 0;
    }
  }

  /**
   * {@code strata schemas apply}: the folder released to a running stack, whose ingest job takes it
   * without a restart; refused, with the running stack unchanged, when it breaks a rule.
   */
  @Command(name = "apply", description = {
      "Release the event type folder to a running stack: checked as by 'check', and against the running catalog",
      "(registered versions are immutable: a change is a new version). The ingest job takes the release without a",
      "restart; this waits until it has (and, with Trino on, until the typed views are replaced). A refused folder",
      "changes nothing. Exit status 0 when applied or already running, 1 otherwise."})
  static final class Apply implements Callable<Integer> {
    @Option(names = "--dir", defaultValue = "schemas", description = "The event type folder (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--bootstrap", defaultValue = "127.0.0.1:9092", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrap;

    @Option(names = "--topic", defaultValue = "events.schemas", description = "The schemas topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--metrics", defaultValue = "http://127.0.0.1:9249/metrics",
        description = "The stack's metrics, to see the ingest job take the release (default: ${DEFAULT-VALUE}).")
    URI metrics;

    @Option(names = "--wait", defaultValue = "60s", description = "How long to wait for the ingest job (default: ${DEFAULT-VALUE}; 0s: do not wait).")
    String waitFor;

    @Override
    public Integer call() throws Exception {
      Duration wait = io.strata.config.ConfigValues.parseDuration("--wait", waitFor);
      SchemaCatalog proposed = load("apply", dir);
      if (proposed == null) {
        return 1;
      }
      SchemaReleases releases = new SchemaReleases(bootstrap, topic);
      Optional<CatalogRelease> running = releases.latest();
      Optional<CatalogRelease> next;
      try {
        next = ReleaseDecision.next(running, proposed, Instant.now());
      } catch (IncompatibleCatalogException e) {
        printBreaking("apply", e.breaking());
        System.err.println("the running stack is unchanged" + running.map(r -> " (release " + r.generation() + ")").orElse(""));
        return 1;
      }
      if (next.isEmpty()) {
        System.out.println(dir + " is what runs already: release " + running.orElseThrow().generation());
        return 0;
      }
      releases.publish(next.get());
      long generation = next.get().generation();
      System.out.println("released " + dir + " as schema catalog release " + generation);
      if (wait.isZero()) {
        return 0;
      }
      return awaitTaken(generation, wait);
    }

    private int awaitTaken(long generation, Duration wait) throws InterruptedException {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      long deadline = System.nanoTime() + wait.toNanos();
      boolean ingest = false;
      while (System.nanoTime() < deadline) {
        java.util.Map<String, Double> samples;
        try {
          samples = MetricsText.parse(http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.ofString()).body());
        } catch (java.io.IOException e) {
          samples = java.util.Map.of();
        }
        ingest = samples.getOrDefault("strata_schema_generation{job=\"ingest\"}", 0.0) >= generation;
        Double views = samples.get("strata_schema_views_generation");
        if (ingest && (views == null || views >= generation)) {
          System.out.println("the ingest job validates with release " + generation
              + (views == null ? "" : "; the typed views in lake.typed are replaced"));
          return 0;
        }
        Thread.sleep(250);
      }
      System.err.println("strata schemas apply: release " + generation + " is on the topic, but "
          + (ingest ? "the typed views were not replaced" : "the ingest job had not taken it") + " within " + waitFor
          + " (is the stack running? strata status shows strata_schema_generation)");
      return 1;
    }
  }

  /** {@code strata schemas list}: the running catalog's types, versions and deprecations. */
  @Command(name = "list", description = "List the running stack's event types: versions, owner, rule and deprecated fields"
      + " (the newest release on the schemas topic).")
  static final class List implements Callable<Integer> {
    @Option(names = "--bootstrap", defaultValue = "127.0.0.1:9092", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrap;

    @Option(names = "--topic", defaultValue = "events.schemas", description = "The schemas topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Override
    public Integer call() {
      Optional<CatalogRelease> running = new SchemaReleases(bootstrap, topic).latest();
      if (running.isEmpty()) {
        System.err.println("strata schemas list: no release on " + topic + " at " + bootstrap + " (has the stack started?)");
        return 1;
      }
      CatalogRelease release = running.get();
      System.out.println("schema catalog release " + release.generation() + " of " + release.releasedAt());
      System.out.printf("%-24s %-8s %-20s %-16s %s%n", "event type", "latest", "compatibility", "owner", "deprecated fields");
      for (EventTypeSchema type : release.catalog().types()) {
        java.util.List<String> deprecated = type.deprecated().stream().map(SchemasCommand::deprecation).toList();
        System.out.printf("%-24s v%-7d %-20s %-16s %s%n", type.name(), type.latestVersion(), type.compatibility(), type.owner(),
            deprecated.isEmpty() ? "-" : String.join(", ", deprecated));
      }
      return 0;
    }
  }

  private static String deprecation(DeprecatedField field) {
    return field.field() + " (since " + field.since() + ")";
  }
}
