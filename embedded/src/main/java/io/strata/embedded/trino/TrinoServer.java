package io.strata.embedded.trino;

import static java.util.Objects.requireNonNull;

import io.strata.embedded.FreePorts;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Trino 476 server on 127.0.0.1, run as a child process on a JDK 24 or newer (Strata runs on 17),
 * with the lake catalog of {@code trino-config/etc/single-node}. Start-up writes the effective
 * {@code etc/} under the work directory, starts {@code io.trino.server.TrinoServer} with the
 * server's {@code lib/} on the class path and waits until {@code /v1/info} says it is no longer
 * starting and the node counts as active. The process's output goes to {@code
 * <work-dir>/server.log}. Nothing global is registered: whoever starts it closes it.
 */
public final class TrinoServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TrinoServer.class);
  private static final String HOST = "127.0.0.1";
  private static final String MAIN_CLASS = "io.trino.server.TrinoServer";
  private static final Pattern READY = Pattern.compile("\"starting\"\\s*:\\s*false");
  private static final Pattern NEXT_URI = Pattern.compile("\"nextUri\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern ERROR_MESSAGE =
      Pattern.compile("\"error\"\\s*:\\s*\\{\\s*\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern SINGLE_VALUE = Pattern.compile("\"data\"\\s*:\\s*\\[\\[(\\d+)]]");

  /**
   * The node runs the query's tasks only once the coordinator has polled it as active, up to 5 s
   * after start-up ended; a query sent in between fails with "No nodes available to run query".
   */
  private static final String PROBE_SQL =
      "SELECT count(*) FROM system.runtime.nodes WHERE state = 'active'";

  private static final String PROBE_USER = "strata";
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);
  private static final int LOG_TAIL_LINES = 30;
  /** The child's pid, so a start after the parent was killed (SIGKILL) can stop the orphan. */
  private static final String PID_FILE = "trino.pid";

  private final Process process;
  private final int port;
  private final Path serverLog;

  private TrinoServer(Process process, int port, Path serverLog) {
    this.process = process;
    this.port = port;
    this.serverLog = serverLog;
  }

  /**
   * Starts the server and waits until it accepts queries. Fails naming {@code strata.trino.port}
   * when the port is taken, {@code strata.trino.java-home} when no JDK 24+ is found, and with the
   * end of {@code server.log} when the process exits or is not ready within the start timeout.
   */
  public static TrinoServer start(TrinoSettings settings) throws IOException, InterruptedException {
    requireNonNull(settings, "settings is null");
    Path serverDir = settings.serverDir().toAbsolutePath();
    if (!Files.isDirectory(serverDir.resolve("lib"))) {
      throw new IllegalStateException(
          TrinoSettings.SERVER_DIR
              + ": "
              + serverDir
              + " is not an unpacked Trino server (no lib/);"
              + " mvn install prepares one in trino-config/target/trino-server");
    }
    Path template = settings.etcTemplateDir().toAbsolutePath();
    TrinoEtc.checkTemplate(template);
    Path workDir = settings.workDir().toAbsolutePath();
    Files.createDirectories(workDir);
    stopOrphan(workDir.resolve(PID_FILE));
    int port =
        settings.httpPort() == 0
            ? FreePorts.pick()
            : FreePorts.requireFree(TrinoSettings.PORT, settings.httpPort());
    Path jdk = JdkLocator.locate(settings.javaHome(), System.getenv(), JdkLocator.SYSTEM_JVM_DIR);

    Path etc = TrinoEtc.write(template, workDir, port, settings.catalogToken().isPresent());
    List<String> command = command(jdk, serverDir, etc, settings.heap());
    Path serverLog = workDir.resolve("server.log");

    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(serverLog.toFile()));
    environment(builder.environment(), settings);
    long started = System.nanoTime();
    Process process = builder.start();
    Files.writeString(workDir.resolve(PID_FILE), Long.toString(process.pid()));
    LOG.info("starting Trino (pid {}) on {}:{} with {}", process.pid(), HOST, port, jdk);
    TrinoServer server = new TrinoServer(process, port, serverLog);
    try {
      server.awaitReady(settings.startTimeout());
    } catch (RuntimeException | InterruptedException e) {
      server.close();
      throw e;
    }
    LOG.info(
        "Trino listening on {} after {} ms (log: {})",
        server.uri(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
        serverLog);
    return server;
  }

  /** Stops a Trino left running by a parent that was killed before it could stop it. */
  private static void stopOrphan(Path pidFile) throws IOException, InterruptedException {
    if (!Files.exists(pidFile)) {
      return;
    }
    long pid;
    try {
      pid = Long.parseLong(Files.readString(pidFile).strip());
    } catch (NumberFormatException e) {
      Files.delete(pidFile);
      return;
    }
    Optional<ProcessHandle> orphan =
        ProcessHandle.of(pid)
            .filter(ProcessHandle::isAlive)
            .filter(h -> h.info().arguments().map(a -> List.of(a).contains(MAIN_CLASS)).orElse(false));
    if (orphan.isPresent()) {
      LOG.warn("stopping Trino (pid {}) left running by an earlier start", pid);
      orphan.get().destroy();
      try {
        orphan.get().onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        orphan.get().destroyForcibly();
      }
    }
    Files.delete(pidFile);
  }

  /** Where clients reach the server, such as {@code http://127.0.0.1:8080}. */
  public URI uri() {
    return URI.create("http://" + HOST + ":" + port);
  }

  /** The JDBC URL of the lake catalog, such as {@code jdbc:trino://127.0.0.1:8080/lake}. */
  public String jdbcUrl() {
    return "jdbc:trino://" + HOST + ":" + port + "/lake";
  }

  public int port() {
    return port;
  }

  /** The child process's id, for diagnostics. */
  public long pid() {
    return process.pid();
  }

  /** Where the server's output goes. */
  public Path serverLog() {
    return serverLog;
  }

  /** Stops the server: SIGTERM, then up to 30 seconds for a graceful exit, then SIGKILL. */
  @Override
  public void close() throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
      LOG.warn("Trino (pid {}) did not stop within {}; killing it", process.pid(), STOP_GRACE);
      process.destroyForcibly().waitFor();
    }
    LOG.info("Trino on {} stopped", uri());
  }

  /**
   * Waits until {@code /v1/info} no longer says starting, then until {@link #PROBE_SQL} counts an
   * active node.
   */
  private void awaitReady(Duration timeout) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    String lastProbe = "the server did not answer";
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Trino exited with code " + process.exitValue() + " before it was ready; " + logTail());
      }
      try {
        if (!started(http)) {
          lastProbe = "/v1/info says it is starting";
        } else {
          Optional<String> error = probeQuery(http);
          if (error.isEmpty()) {
            return;
          }
          lastProbe = "the probe query says: " + error.get();
        }
      } catch (IOException e) {
        lastProbe = "the server did not answer: " + e.getMessage(); // not listening yet
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Trino was not ready within "
                + timeout
                + " ("
                + TrinoSettings.START_TIMEOUT
                + "); "
                + lastProbe
                + "; "
                + logTail());
      }
      Thread.sleep(POLL_INTERVAL.toMillis());
    }
  }

  private boolean started(HttpClient http) throws IOException, InterruptedException {
    HttpRequest info =
        HttpRequest.newBuilder(uri().resolve("/v1/info")).timeout(REQUEST_TIMEOUT).build();
    HttpResponse<String> response = http.send(info, HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200 && READY.matcher(response.body()).find();
  }

  /**
   * Runs {@link #PROBE_SQL} over Trino's HTTP protocol; why the node is not ready, if it is not.
   */
  private Optional<String> probeQuery(HttpClient http) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri().resolve("/v1/statement"))
            .timeout(REQUEST_TIMEOUT)
            .header("X-Trino-User", PROBE_USER)
            .header("X-Trino-Source", PROBE_USER)
            .POST(HttpRequest.BodyPublishers.ofString(PROBE_SQL))
            .build();
    long activeNodes = 0;
    while (true) {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return Optional.of("HTTP " + response.statusCode());
      }
      Matcher error = ERROR_MESSAGE.matcher(response.body());
      if (error.find()) {
        return Optional.of(error.group(1));
      }
      Matcher value = SINGLE_VALUE.matcher(response.body());
      if (value.find()) {
        activeNodes = Long.parseLong(value.group(1));
      }
      Matcher next = NEXT_URI.matcher(response.body());
      if (!next.find()) {
        return activeNodes > 0 ? Optional.empty() : Optional.of("no active node yet");
      }
      request =
          HttpRequest.newBuilder(URI.create(next.group(1)))
              .timeout(REQUEST_TIMEOUT)
              .header("X-Trino-User", PROBE_USER)
              .build();
    }
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(serverLog, StandardCharsets.UTF_8);
      List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
      return "last lines of " + serverLog + ":\n" + String.join("\n", tail);
    } catch (IOException | UncheckedIOException e) {
      return "cannot read " + serverLog + ": " + e.getMessage();
    }
  }

  private static List<String> command(Path jdk, Path serverDir, Path etc, String heap)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(JdkLocator.javaLauncher(jdk).toString());
    command.addAll(TrinoEtc.jvmOptions(etc.resolve(TrinoEtc.JVM_CONFIG), heap));
    // As Trino's bin/launcher does: node.properties become system properties.
    TrinoEtc.readProperties(etc.resolve(TrinoEtc.NODE))
        .orElseThrow()
        .forEach((name, value) -> command.add("-D" + name + "=" + value));
    command.add("-Dconfig=" + etc.resolve(TrinoEtc.CONFIG));
    Path logLevels = etc.resolve(TrinoEtc.LOG);
    if (Files.isRegularFile(logLevels)) {
      command.add("-Dlog.levels-file=" + logLevels);
    }
    command.add("-Dcatalog.config-dir=" + etc.resolve(TrinoEtc.CATALOG_DIR));
    command.add("-Dplugin.dir=" + serverDir.resolve("plugin"));
    command.add("-cp");
    command.add(serverDir.resolve("lib") + File.separator + "*");
    command.add(MAIN_CLASS);
    return command;
  }

  /** What {@code catalog/lake.properties} reads through {@code ${ENV:...}}. */
  private static void environment(Map<String, String> env, TrinoSettings settings) {
    env.put("STRATA_CATALOG_URI", settings.catalogUri().toString());
    env.put("STRATA_S3_ENDPOINT", settings.s3Endpoint().toString());
    env.put("STRATA_S3_REGION", settings.s3Region());
    env.put("STRATA_S3_ACCESS_KEY", settings.s3Credentials().accessKey());
    env.put("STRATA_S3_SECRET_KEY", settings.s3Credentials().secretKey());
    settings
        .catalogToken()
        .ifPresentOrElse(
            token -> env.put("STRATA_CATALOG_TOKEN", token),
            () -> env.remove("STRATA_CATALOG_TOKEN"));
  }
}
