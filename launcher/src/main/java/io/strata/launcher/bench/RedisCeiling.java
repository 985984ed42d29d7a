package io.strata.launcher.bench;

import static java.nio.charset.StandardCharsets.UTF_8;


import io.strata.views.store.RedisViewStore;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.RedisClient;

/**
 * The ceiling of lookups against one Redis: {@code redis-benchmark} asking GETs of random keys out of the
 * same number of keys, values of the same size, with as many connections as the lookup load and no
 * pipelining. Its keys ({@code strata-bench:<n>}) are removed afterwards (and expire an hour after they
 * are written, should the run stop half-way).
 */
public final class RedisCeiling {
  /** What redis-benchmark reported for GET (its CSV has no p99.9). */
  public record Result(double perSecond, double p50Millis, double p99Millis, double maxMillis, String command) {}

  static final String KEY_PREFIX = "strata-bench:";

  private RedisCeiling() {}

  public static Result run(URI redis, long keys, int connections, int valueBytes, long requests)
      throws IOException, InterruptedException {
    String value = "v".repeat(valueBytes);
    List<String> base = List.of("redis-benchmark", "-h", redis.getHost(), "-p", Integer.toString(redis.getPort() < 0 ? 6379 : redis.getPort()),
        "-c", Integer.toString(connections), "-r", Long.toString(keys), "--csv");
    List<String> set = new ArrayList<>(base);
    set.addAll(List.of("-n", Long.toString(keys * 3 / 2), "SET", KEY_PREFIX + "__rand_int__", value, "EX", "3600"));
    run(set);
    List<String> get = new ArrayList<>(base);
    get.addAll(List.of("-n", Long.toString(requests), "GET", KEY_PREFIX + "__rand_int__"));
    String csv;
    try {
      csv = run(get);
    } finally {
      removeKeys(redis);
    }
    // "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
    String[] lines = csv.strip().split("\n");
    String[] f = lines[lines.length - 1].replace("\"", "").split(",");
    if (f.length < 8) {
      throw new IOException("redis-benchmark printed no result line: " + csv);
    }
    return new Result(Double.parseDouble(f[1]), Double.parseDouble(f[4]), Double.parseDouble(f[6]),
        Double.parseDouble(f[7]), String.join(" ", get).replace(value, "<" + valueBytes + " bytes>"));
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IOException("cannot run redis-benchmark (it comes with Redis): " + e.getMessage(), e);
    }
    String out = new String(process.getInputStream().readAllBytes(), UTF_8);
    if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IOException("redis-benchmark failed: " + out);
    }
    return out;
  }

  /** Unlinks the benchmark's keys. */
  static long removeKeys(URI redis) {
    try (RedisClient client = RedisClient.create(redis)) {
      return RedisViewStore.unlinkMatching(client, KEY_PREFIX + "*");
    }
  }
}
