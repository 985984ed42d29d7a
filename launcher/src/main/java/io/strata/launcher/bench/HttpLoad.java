package io.strata.launcher.bench;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A closed-loop HTTP/1.1 load: {@code connections} keep-alive connections, each sending its next GET as
 * soon as the previous answer has been read, like {@code redis-benchmark} and {@code wrk} do. Raw
 * sockets and a minimal response reader, so that the client costs little of the two cores it shares
 * with the server. Latency is measured per request, from the write to the last byte of the body.
 */
public final class HttpLoad {
  /**
   * What a run measured.
   *
   * @param requests requests answered in the measured period
   * @param seconds the measured period
   * @param latencyMicros each measured request's latency
   * @param notOk answers other than 200, in the measured period and the warm-up
   * @param firstNotOk the first such answer's status line and body, for the message
   */
  public record Result(long requests, double seconds, double[] latencyMicros, long notOk, String firstNotOk) {
    public double perSecond() {
      return requests / seconds;
    }
  }

  private HttpLoad() {}

  /**
   * One request: its path and query, and extra header lines, each ending in CRLF (an
   * {@code Authorization}, say).
   */
  public record Request(String path, String headers) {}

  /** Runs the load; {@code next.apply(random)} gives each request (each connection has its own random). */
  public static Result run(
      InetSocketAddress server,
      int connections,
      long warmupMillis,
      long measureMillis,
      Function<SplittableRandom, Request> next)
      throws InterruptedException {
    long start = System.nanoTime();
    long measureFrom = start + warmupMillis * 1_000_000;
    long measureUntil = measureFrom + measureMillis * 1_000_000;
    AtomicLong notOk = new AtomicLong();
    String[] firstNotOk = new String[1];
    List<long[]> latencies = new ArrayList<>();
    int[] counts = new int[connections];
    Throwable[] failure = new Throwable[1];
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      int connection = c;
      latencies.add(new long[1 << 16]);
      Thread thread =
          new Thread(() -> {
            SplittableRandom random = new SplittableRandom(0x5EED + connection);
            try (Socket socket = new Socket()) {
              socket.setTcpNoDelay(true);
              socket.connect(server, 5_000);
              OutputStream out = socket.getOutputStream();
              InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
              long[] mine = latencies.get(connection);
              int n = 0;
              while (true) {
                long sent = System.nanoTime();
                if (sent >= measureUntil) {
                  break;
                }
                Request request = next.apply(random);
                out.write(("GET " + request.path() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + request.headers() + "\r\n")
                    .getBytes(US_ASCII));
                out.flush();
                Answer answer = read(in);
                long done = System.nanoTime();
                if (answer.status != 200 && notOk.incrementAndGet() == 1) {
                  synchronized (firstNotOk) {
                    firstNotOk[0] = "GET " + request.path() + ": " + answer.status + " " + answer.body;
                  }
                }
                if (sent >= measureFrom && done <= measureUntil) {
                  if (n == mine.length) {
                    mine = Arrays.copyOf(mine, n * 2);
                  }
                  mine[n++] = (done - sent) / 1_000;
                }
              }
              synchronized (latencies) {
                latencies.set(connection, mine);
                counts[connection] = n;
              }
            } catch (IOException | RuntimeException e) {
              synchronized (failure) {
                failure[0] = e;
              }
            }
          }, "http-load-" + c);
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    if (failure[0] != null) {
      throw new IllegalStateException("the load's connection failed: " + failure[0], failure[0]);
    }
    int total = Arrays.stream(counts).sum();
    double[] all = new double[total];
    int at = 0;
    synchronized (latencies) {
      for (int c = 0; c < connections; c++) {
        long[] mine = latencies.get(c);
        for (int i = 0; i < counts[c]; i++) {
          all[at++] = mine[i];
        }
      }
    }
    return new Result(total, measureMillis / 1000.0, all, notOk.get(), firstNotOk[0]);
  }

  private record Answer(int status, String body) {}

  /** One response with a {@code Content-Length} (what the lookup API sends). */
  static Answer read(InputStream in) throws IOException {
    String status = line(in);
    int code = Integer.parseInt(status.substring(9, 12));
    int length = -1;
    for (String line = line(in); !line.isEmpty(); line = line(in)) {
      if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    if (length < 0) {
      throw new IOException("an answer without Content-Length: " + status);
    }
    byte[] body = in.readNBytes(length);
    if (body.length < length) {
      throw new EOFException("the server closed the connection in the middle of an answer");
    }
    return new Answer(code, code == 200 ? "" : new String(body, US_ASCII));
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder(64);
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new EOFException("the server closed the connection");
      }
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }
}
