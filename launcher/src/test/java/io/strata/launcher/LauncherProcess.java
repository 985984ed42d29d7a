package io.strata.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** {@code strata up} as a separate process, started the way bin/strata starts it. */
final class LauncherProcess implements AutoCloseable {
  private final Process process;
  private final List<String> output = new CopyOnWriteArrayList<>();
  private final CompletableFuture<String> ready = new CompletableFuture<>();

  private LauncherProcess(Process process) {
    this.process = process;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                  output.add(line);
                  if (line.startsWith("Strata is ready")) {
                    ready.complete(line);
                  }
                }
              } catch (IOException e) {
                // the process went away
              }
              ready.completeExceptionally(new IllegalStateException("launcher exited: " + output));
            });
    reader.setDaemon(true);
    reader.start();
  }

  static LauncherProcess start(Map<String, String> settings, Path errorLog) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx2g");
    for (String opens : System.getProperty("strata.test.jvm-opens", "").split("\\s+")) {
      if (!opens.isBlank()) {
        command.add(opens);
      }
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(StrataCli.class.getName());
    command.add("up");
    settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.redirectError(ProcessBuilder.Redirect.appendTo(errorLog.toFile()));
    return new LauncherProcess(builder.start());
  }

  String awaitReady(Duration timeout) throws Exception {
    return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** SIGKILL: no shutdown hook, no flush, no goodbye. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  int exitCode(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("launcher still running after " + timeout);
    }
    return process.exitValue();
  }

  List<String> output() {
    return output;
  }

  /** The last lines the process wrote to standard output, on standard error, for a failing test's log. */
  void printOutputTail(String label, int lines) {
    List<String> all = List.copyOf(output);
    System.err.println("---- " + label + ": last " + Math.min(lines, all.size()) + " of " + all.size() + " output lines");
    all.subList(Math.max(0, all.size() - lines), all.size()).forEach(System.err::println);
    System.err.println("---- end of " + label);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy(); // SIGTERM: the shutdown hook stops the stack
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
