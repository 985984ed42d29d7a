package io.strata.views.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;

/**
 * Lookups in Redis without a thread per request: the lookup API hands each read over and returns, and
 * one thread sends whatever reads are waiting as one pipeline (one round trip for all of them), then
 * answers each. Under load a round trip carries many lookups, which is where the time went when each
 * request thread made its own (the kernel's loopback work and the hand-offs to pool threads); when idle,
 * a lone lookup goes at once.
 */
final class RedisLookups implements AutoCloseable {
  private static final int MAX_BATCH = 256;

  private record Pending(byte[] key, CompletableFuture<Optional<StoredView>> answer) {}

  private final RedisClient redis;
  private final byte[][] fields;
  private final Function<List<byte[]>, Optional<StoredView>> decode;
  private final BlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closed;

  RedisLookups(RedisClient redis, byte[][] fields, Function<List<byte[]>, Optional<StoredView>> decode) {
    this.redis = redis;
    this.fields = fields;
    this.decode = decode;
    this.thread = new Thread(this::run, "strata-redis-lookups");
    thread.setDaemon(true);
    thread.start();
  }

  CompletableFuture<Optional<StoredView>> get(ViewAddress address) {
    CompletableFuture<Optional<StoredView>> answer = new CompletableFuture<>();
    if (closed) {
      answer.completeExceptionally(new IllegalStateException("the view store is closed"));
      return answer;
    }
    waiting.add(new Pending(address.storeKey().getBytes(UTF_8), answer));
    return answer;
  }

  private void run() {
    List<Pending> batch = new ArrayList<>(MAX_BATCH);
    while (!closed) {
      try {
        batch.add(waiting.take());
      } catch (InterruptedException e) {
        break;
      }
      waiting.drainTo(batch, MAX_BATCH - 1);
      send(batch);
      batch.clear();
    }
    Pending left;
    while ((left = waiting.poll()) != null) {
      left.answer().completeExceptionally(new IllegalStateException("the view store is closed"));
    }
  }

  private void send(List<Pending> batch) {
    List<Response<List<byte[]>>> responses = new ArrayList<>(batch.size());
    try (Pipeline pipeline = redis.pipelined()) {
      for (Pending p : batch) {
        responses.add(pipeline.hmget(p.key(), fields));
      }
      pipeline.sync();
    } catch (RuntimeException e) {
      batch.forEach(p -> p.answer().completeExceptionally(e));
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      CompletableFuture<Optional<StoredView>> answer = batch.get(i).answer();
      try {
        answer.complete(decode.apply(responses.get(i).get()));
      } catch (RuntimeException e) {
        answer.completeExceptionally(e);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
