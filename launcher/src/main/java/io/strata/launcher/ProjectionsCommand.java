package io.strata.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.launcher.console.Progress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code strata projections}: the running stack's projections. */
@Command(
    name = "projections",
    description = "The running stack's projections (operational views).",
    subcommands = {ProjectionsCommand.List.class, ProjectionsCommand.Rebuild.class})
final class ProjectionsCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  @Override
  public Integer call() {
    System.err.println("strata projections: say which: list or rebuild (strata projections --help)");
    return 2;
  }

  /** A call to the lookup API; null (with the reason printed) when it does not answer. */
  private static HttpResponse<String> call(String command, HttpRequest.Builder request, URI api) throws InterruptedException {
    try {
      return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      System.err.println("strata projections " + command + ": no lookup API answers at " + api + " (is bin/strata up running, with views on?)");
      return null;
    }
  }

  private static String errorOf(HttpResponse<String> response) {
    try {
      JsonNode message = JSON.readTree(response.body()).at("/error/message");
      return message.isMissingNode() ? response.body() : message.asText();
    } catch (java.io.IOException e) {
      return response.body();
    }
  }

  /** {@code strata projections list}: each projection with its versions, state, lag and last update. */
  @Command(name = "list",
      description = "List each projection with its fold, key, defined and live version, state, lag and last update (GET /v1/projections).")
  static final class List implements Callable<Integer> {
    @Option(names = "--api", defaultValue = "http://127.0.0.1:8090", description = "The lookup API (default: ${DEFAULT-VALUE}).")
    URI api;

    @Option(names = "--token", defaultValue = "tenant-0-demo-token", description = "A bearer token of the lookup API, any tenant's (default: ${DEFAULT-VALUE}).")
    String token;

    @Override
    public Integer call() throws Exception {
      HttpResponse<String> response = ProjectionsCommand.call("list",
          HttpRequest.newBuilder(api.resolve("/v1/projections")).header("Authorization", "Bearer " + token), api);
      if (response == null) {
        return 1;
      }
      if (response.statusCode() != 200) {
        System.err.println("strata projections list: " + api + " answered " + response.statusCode() + ": " + errorOf(response));
        return 1;
      }
      String format = "%-20s %-13s %-20s %8s %5s %-14s %12s %9s  %s%n";
      System.out.printf(format, "projection", "fold", "key", "defined", "live", "state", "lag records", "lag s", "last update");
      for (JsonNode p : JSON.readTree(response.body()).path("projections")) {
        String state = p.path("state").asText();
        JsonNode rebuild = p.path("rebuild");
        if (rebuild.isObject()) {
          state += " (v" + rebuild.path("version").asText() + " " + rebuild.path("phase").asText() + " "
              + rebuild.path("done").asLong() + "/" + rebuild.path("total").asLong() + ")";
        }
        System.out.printf(format, p.path("name").asText(), p.path("fold").asText(), p.path("key").asText(),
            version(p.path("defined_version")), version(p.path("live_version")), state,
            text(p.path("lag_records")), text(p.path("lag_seconds")), text(p.path("last_update")));
      }
      return 0;
    }

    private static String version(JsonNode value) {
      return value.isNull() || value.isMissingNode() ? "-" : "v" + value.asText();
    }

    private static String text(JsonNode value) {
      if (value.isMissingNode() || value.isNull()) {
        return "-";
      }
      return value.isFloatingPointNumber() ? String.format("%.1f", value.asDouble()) : value.asText();
    }
  }

  /**
   * {@code strata projections rebuild NAME}: builds the version the projection's file defines now beside
   * the live one, and waits, with a progress bar, until lookups have switched to it.
   */
  @Command(name = "rebuild",
      description = {
          "Build the version that the projection's file now defines from the lake's history and the hot log after it,",
          "beside the live version, which serves until the new one has caught up; then lookups switch to the new",
          "version and the old one's views are deleted. Change the definition and give it a new version first.",
          "Shows the events folded of the history's total, then the hot-log records caught up."})
  static final class Rebuild implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "The projection, as its file names it.")
    String name;

    @Option(names = "--api", defaultValue = "http://127.0.0.1:8090", description = "The lookup API (default: ${DEFAULT-VALUE}).")
    URI api;

    @Option(names = "--admin-token", defaultValue = "strata-admin-demo-token",
        description = "The stack's strata.views.admin-token (default: ${DEFAULT-VALUE}).")
    String adminToken;

    @Option(names = "--no-wait", description = "Start the rebuild and return; strata projections list shows how it goes.")
    boolean noWait;

    @Option(names = "--timeout", defaultValue = "6h", description = "Give up waiting after this long (the rebuild goes on), e.g. 30m (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Override
    public Integer call() throws Exception {
      Duration limit = io.strata.config.ConfigValues.parseDuration("--timeout", timeout);
      HttpResponse<String> started = ProjectionsCommand.call("rebuild",
          HttpRequest.newBuilder(api.resolve("/v1/projections/" + encode(name) + "/rebuild"))
              .header("Authorization", "Bearer " + adminToken).POST(HttpRequest.BodyPublishers.noBody()), api);
      if (started == null) {
        return 1;
      }
      if (started.statusCode() != 202) {
        System.err.println("strata projections rebuild: " + errorOf(started));
        return 1;
      }
      int version = JSON.readTree(started.body()).at("/rebuild/version").asInt(
          JSON.readTree(started.body()).path("defined_version").asInt());
      System.err.println("rebuilding " + name + " as version " + version + " beside the live version");
      if (noWait) {
        return 0;
      }
      long deadline = System.nanoTime() + limit.toNanos();
      String phase = "";
      long total = -1;
      Progress progress = null;
      long done = 0;
      while (System.nanoTime() < deadline) {
        HttpResponse<String> now = ProjectionsCommand.call("rebuild",
            HttpRequest.newBuilder(api.resolve("/v1/projections/" + encode(name))).header("Authorization", "Bearer " + adminToken), api);
        if (now == null) {
          return 1;
        }
        JsonNode status = JSON.readTree(now.body());
        JsonNode versionState = status.at("/versions/" + version + "/state");
        if (versionState.asText().equals("live")) {
          if (progress != null) {
            progress.done(done);
          }
          System.err.println(name + " version " + version + " is live");
          return 0;
        }
        if (versionState.asText().equals("failed")) {
          System.err.println("strata projections rebuild: version " + version + " failed: " + status.at("/versions/" + version + "/note").asText());
          return 1;
        }
        JsonNode rebuild = status.path("rebuild");
        if (rebuild.isObject()) {
          if (!rebuild.path("phase").asText().equals(phase) || rebuild.path("total").asLong() != total) {
            if (progress != null) {
              progress.done(done);
            }
            phase = rebuild.path("phase").asText();
            total = rebuild.path("total").asLong();
            progress = new Progress(name + " v" + version + ": " + phase, total);
          }
          done = rebuild.path("done").asLong();
          progress.update(done);
        }
        Thread.sleep(500);
      }
      System.err.println("strata projections rebuild: still not live after " + timeout + "; the rebuild goes on (strata projections list)");
      return 1;
    }

    private static String encode(String text) {
      return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
  }
}
