package io.strata.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port checks done before a server binds, so a taken port fails start-up with its config key named. */
public final class FreePorts {
  private FreePorts() {}

  // Below Linux's ephemeral range (32768-60999): a port handed out here cannot be taken meanwhile by the
  // local end of an outgoing connection (Kafka, Redis, S3 clients open many), which happened to a Flink
  // REST port picked from the ephemeral range.
  private static final int FIRST = 20_000;
  private static final int LAST = 32_000;
  private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** A port that was free on 127.0.0.1 a moment ago, never the same twice in one process. */
  public static int pick() {
    java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
    for (int attempt = 0; attempt < 1000; attempt++) {
      int port = random.nextInt(FIRST, LAST);
      if (HANDED_OUT.contains(port)) {
        continue;
      }
      try (ServerSocket socket = new ServerSocket()) {
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      } catch (IOException e) {
        continue;
      }
      if (HANDED_OUT.add(port)) {
        return port;
      }
    }
    throw new UncheckedIOException(new IOException("no free port on 127.0.0.1 between " + FIRST + " and " + LAST));
  }

  /** Returns {@code port}, or fails naming {@code key} when something already listens there. */
  public static int requireFree(String key, int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(key + " must be between 1 and 65535, got " + port);
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return port;
    } catch (IOException e) {
      throw new IllegalStateException(
          key + ": port " + port + " on 127.0.0.1 is already in use", e);
    }
  }
}
