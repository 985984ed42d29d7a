package io.strata.launcher.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.stream.Stream;

/** What every benchmark command needs around its run: the code's commit, a results folder, clean-up. */
public final class BenchRuns {
  private BenchRuns() {}

  /** {@code <results>/<UTC time>-<commit>}: one folder per run. */
  public static Path runDir(Path results, String commit) {
    String stamp = LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    return results.resolve(stamp + "-" + commit);
  }

  /** The checkout's commit, {@code -dirty} when its code has uncommitted changes; "unknown" without git. */
  public static String commit() {
    try {
      String head = git("rev-parse", "--short=9", "HEAD");
      // Results from earlier runs (BENCHMARKS.md, the results folder) do not make the code dirty.
      String changes = git("status", "--porcelain", "--untracked-files=no", "--", ".", ":!BENCHMARKS.md", ":!bench-results");
      return head.isEmpty() ? "unknown" : changes.isEmpty() ? head : head + "-dirty";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  private static String git(String... args) throws IOException, InterruptedException {
    String[] command = new String[args.length + 1];
    command[0] = "git";
    System.arraycopy(args, 0, command, 1, args.length);
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    return process.waitFor() == 0 ? out : "";
  }

  public static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
