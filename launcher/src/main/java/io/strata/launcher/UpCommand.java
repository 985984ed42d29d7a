package io.strata.launcher;

import io.strata.config.ConfigValues;
import io.strata.launcher.memory.MemoryWatchdog;
import io.strata.launcher.stack.StackConfig;
import io.strata.launcher.stack.StrataStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.flink.api.common.JobStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code strata up}: starts the embedded stack and runs until Ctrl-C. */
@Command(name = "up", description = "Start the embedded stack (S3, Kafka, catalog, Flink jobs) and run until Ctrl-C.")
final class UpCommand implements Callable<Integer> {
  @Option(names = {"-c", "--config"}, description = "A strata.properties file.")
  Path configFile;

  @Option(names = {"-D", "--set"}, description = "Override one key, e.g. -D strata.kafka.port=19092.")
  Map<String, String> overrides = new HashMap<>();

  @Override
  public Integer call() throws Exception {
    long startNanos = System.nanoTime();
    StackConfig config;
    try {
      config = StackConfig.from(read(configFile, overrides));
    } catch (IllegalArgumentException e) {
      System.err.println("strata up: bad configuration: " + e.getMessage());
      return 2;
    }
    MemoryWatchdog.install("up");
    StrataStack stack;
    try {
      stack = StrataStack.start(config);
    } catch (Exception e) {
      System.err.println("strata up: start-up failed: " + rootMessage(e));
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("strata: stopping (jobs resume from their last checkpoint next time)");
                  try {
                    stack.close();
                  } catch (Exception e) {
                    System.err.println("strata: stop failed: " + e.getMessage());
                  }
                  stopped.countDown();
                },
                "strata-shutdown"));
    awaitRunning(stack, Duration.ofMinutes(2));
    stack.endpoints().forEach((what, where) -> System.out.printf("  %-22s %s%n", what, where));
    System.out.printf(
        "Strata is ready in %.1f s: send events to topic '%s'. Ctrl-C stops.%n",
        (System.nanoTime() - startNanos) / 1e9, config.ingest().rawTopic());
    System.out.flush();
    stopped.await();
    return 0;
  }

  private static void awaitRunning(StrataStack stack, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (String job : stack.jobs()) {
      while (stack.flink().status(stack.jobId(job)) != JobStatus.RUNNING) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("job " + job + " did not reach RUNNING in " + timeout);
        }
        Thread.sleep(100);
      }
    }
  }

  static Map<String, String> read(Path file, Map<String, String> overrides) throws Exception {
    Map<String, String> values = new HashMap<>();
    if (file != null) {
      values.putAll(ConfigValues.readProperties(file));
    }
    values.putAll(overrides);
    return values;
  }

  private static String rootMessage(Throwable e) {
    StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
      if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
        message.append(": ").append(cause.getMessage());
      }
    }
    return message.toString();
  }
}
