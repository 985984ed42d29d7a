package io.strata.launcher.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.strata.event.EnvelopeCodec;
import io.strata.event.EventEnvelope;
import io.strata.event.StrataEventTypes;
import io.strata.launcher.console.Progress;
import io.strata.launcher.generate.EventGenerator;
import io.strata.launcher.generate.GeneratorConfig;
import io.strata.launcher.generate.GeneratorRun;
import io.strata.launcher.stack.StrataStack;
import io.strata.views.catalog.ProjectionCatalog;
import io.strata.views.store.ViewAddress;
import io.strata.views.store.ViewStore;
import io.strata.views.store.ViewStores;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Freshness from send to view, as a service sees it: under a steady generated load (running for a warm-up
 * before the first probe, so that the probes see the stack's steady state rather than its start), one probe event
 * every {@code probeEvery} for an entity of its own, sent to the raw topic like any producer's; the
 * probe's view is asked for through the lookup API every {@value #POLL_MILLIS} ms until it answers 200.
 * Send-to-view is from the probe's send to that answer.
 */
public final class ViewFreshness {
  static final long POLL_MILLIS = 10;
  static final String PROJECTION = "entity-state";
  static final String TENANT = "tenant-0";
  static final String TOKEN = "tenant-0-demo-token";

  /**
   * Each probe's send-to-view seconds, with the load it ran under.
   *
   * @param toIngest per probe, from its send to the ingest job's handling of it (the event's ingest time)
   * @param ingestToReadable per probe, from its ingest time to when a read_committed consumer received it
   *     from the hot log (the ingest job's transaction committed)
   * @param readableToView per probe, from then to the projection job's write of its view
   */
  public record Result(double[] seconds, double[] toIngest, double[] ingestToReadable, double[] readableToView, int rate,
      double loadSeconds, long checkpointIntervalMs) {}

  private record Probe(String entity, long sentNanos, long sentMillis) {}

  private ViewFreshness() {}

  public static Result run(StrataStack stack, int rate, Duration warmUp, Duration duration, Duration probeEvery)
      throws Exception {
    String bootstrap = stack.kafkaBootstrap();
    String rawTopic = stack.config().ingest().rawTopic();
    URI api = URI.create("http://127.0.0.1:" + stack.config().viewsPort() + "/v1/views/" + PROJECTION + "/");
    long count = rate * (warmUp.toSeconds() + duration.toSeconds());
    Iterator<io.strata.launcher.generate.GeneratedRecord> load =
        new EventGenerator(new GeneratorConfig(count, 0.05, 0.01, 5, 200, Instant.now().minus(Duration.ofDays(1)),
            Duration.ofDays(1), 77), false);
    CompletableFuture<GeneratorRun.SendReport> sending =
        CompletableFuture.supplyAsync(() -> {
          try {
            return GeneratorRun.send(load, bootstrap, rawTopic, rate);
          } catch (Exception e) {
            throw new IllegalStateException("sending the steady load failed", e);
          }
        });
    ConcurrentLinkedQueue<Probe> waiting = new ConcurrentLinkedQueue<>();
    List<Double> seconds = new ArrayList<>();
    List<Double> toIngest = new ArrayList<>();
    List<Double> ingestToReadable = new ArrayList<>();
    List<Double> readableToView = new ArrayList<>();
    ViewStore store = ViewStores.open(stack.config().views().store());
    OptionalInt live = new ProjectionCatalog(store).live(PROJECTION);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    EnvelopeCodec codec = new EnvelopeCodec();
    int probeVersion = StrataEventTypes.defaults().latestVersion("user.signed_up");
    if (!warmUp.isZero()) {
      Progress warming = new Progress("steady load before the probes (warm-up)", warmUp.toSeconds());
      for (long s = 1; s <= warmUp.toSeconds(); s++) {
        Thread.sleep(1000);
        warming.update(s);
      }
      warming.done(warmUp.toSeconds());
    }
    long started = System.nanoTime();
    long end = started + duration.toNanos();
    long nextProbe = started;
    int sent = 0;
    Progress progress = new Progress("send-to-view probes", duration.toSeconds());
    try (HotLogWatch hotLog = new HotLogWatch(bootstrap, stack.config().ingest().logTopic(), "freshness-probe-");
        KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0, ProducerConfig.CLIENT_ID_CONFIG, "strata-freshness-probe"),
            new ByteArraySerializer(), new ByteArraySerializer())) {
      while (System.nanoTime() < end || !waiting.isEmpty()) {
        long now = System.nanoTime();
        if (now >= nextProbe && now < end) {
          String entity = "freshness-probe-" + UUID.randomUUID();
          EventEnvelope probe =
              new EventEnvelope(UUID.randomUUID().toString(), "user.signed_up",
                  probeVersion, TENANT, entity, Instant.now(), null,
                  "freshness-probe", "probe-" + sent, null, entity, "{\"plan\":\"pro\"}");
          waiting.add(new Probe(entity, System.nanoTime(), System.currentTimeMillis()));
          producer.send(new ProducerRecord<>(rawTopic, (TENANT + "/" + entity).getBytes(UTF_8), codec.encode(probe)));
          sent++;
          nextProbe += probeEvery.toNanos();
        }
        for (Probe probe : waiting) {
          HttpRequest ask =
              HttpRequest.newBuilder(api.resolve(probe.entity())).header("Authorization", "Bearer " + TOKEN).GET().build();
          int status = http.send(ask, HttpResponse.BodyHandlers.discarding()).statusCode();
          if (status == 200) {
            seconds.add((System.nanoTime() - probe.sentNanos()) / 1e9);
            waiting.remove(probe);
            if (live.isPresent()) {
              store.get(new ViewAddress(PROJECTION, live.getAsInt(), TENANT, probe.entity())).ifPresent(view -> {
                Long readable = hotLog.readableAt(probe.entity());
                if (readable != null) {
                  toIngest.add((view.ingestTimeMillis() - probe.sentMillis()) / 1e3);
                  ingestToReadable.add((readable - view.ingestTimeMillis()) / 1e3);
                  readableToView.add((view.updatedAtMillis() - readable) / 1e3);
                }
              });
            }
          } else if (status != 404) {
            throw new IllegalStateException("the lookup of probe " + probe.entity() + " answered " + status);
          } else if (System.nanoTime() - probe.sentNanos() > Duration.ofMinutes(2).toNanos()) {
            throw new IllegalStateException("probe " + probe.entity() + " did not reach its view in 2 minutes");
          }
        }
        if (now < end) {
          progress.update((now - started) / 1_000_000_000L);
        }
        Thread.sleep(POLL_MILLIS);
      }
      progress.done(duration.toSeconds());
    } finally {
      store.close();
    }
    GeneratorRun.SendReport report = sending.join();
    return new Result(array(seconds), array(toIngest), array(ingestToReadable), array(readableToView), rate, report.seconds(),
        stack.config().ingest().checkpoints().interval().toMillis());
  }

  private static double[] array(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
