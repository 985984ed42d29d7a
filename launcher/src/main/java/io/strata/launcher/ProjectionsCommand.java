package io.strata.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code strata projections}: the running stack's projections. */
@Command(
    name = "projections",
    description = "The running stack's projections (operational views).",
    subcommands = {ProjectionsCommand.List.class})
final class ProjectionsCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("strata projections: say which: list (strata projections --help)");
    return 2;
  }

  /** {@code strata projections list}: each projection with its versions, state, lag and last update. */
  @Command(name = "list", description = "List each projection with its fold, key, live version, state, lag and last update (GET /v1/projections).")
  static final class List implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--api", defaultValue = "http://127.0.0.1:8090", description = "The lookup API (default: ${DEFAULT-VALUE}).")
    URI api;

    @Option(names = "--token", defaultValue = "tenant-0-demo-token", description = "A bearer token of the lookup API, any tenant's (default: ${DEFAULT-VALUE}).")
    String token;

    @Override
    public Integer call() throws Exception {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
      HttpResponse<String> response;
      try {
        response = client.send(
            HttpRequest.newBuilder(api.resolve("/v1/projections")).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
      } catch (java.io.IOException e) {
        System.err.println("strata projections list: no lookup API answers at " + api + " (is bin/strata up running, with views on?)");
        return 1;
      }
      if (response.statusCode() != 200) {
        System.err.println("strata projections list: " + api + " answered " + response.statusCode() + ": " + response.body());
        return 1;
      }
      String format = "%-20s %-13s %-20s %8s %5s %-9s %12s %9s  %s%n";
      System.out.printf(format, "projection", "fold", "key", "defined", "live", "state", "lag records", "lag s", "last update");
      for (JsonNode p : JSON.readTree(response.body()).path("projections")) {
        System.out.printf(format, p.path("name").asText(), p.path("fold").asText(), p.path("key").asText(),
            "v" + p.path("defined_version").asText(), p.path("live_version").isNull() ? "-" : "v" + p.path("live_version").asText(),
            p.path("state").asText(), text(p.path("lag_records")), text(p.path("lag_seconds")), text(p.path("last_update")));
      }
      return 0;
    }

    private static String text(JsonNode value) {
      if (value.isMissingNode() || value.isNull()) {
        return "-";
      }
      return value.isFloatingPointNumber() ? String.format("%.1f", value.asDouble()) : value.asText();
    }
  }
}
