package io.strata.flink.ingest;

import io.strata.event.EventEnvelope;
import io.strata.event.ValidationConfig;
import io.strata.flink.config.IngestConfig;
import io.strata.flink.ingest.operator.DeduplicateFunction;
import io.strata.flink.ingest.operator.ValidateFunction;
import io.strata.flink.ingest.sink.DeadLetter;
import io.strata.flink.ingest.source.RawRecord;
import io.strata.schemas.CatalogRelease;
import java.time.Clock;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The ingest graph: raw records -> validate against the schema catalog (rejects to the dead-letter sink;
 * catalog releases broadcast to every validating subtask) -> deduplicate per tenant and entity -> hot log.
 * Sources and sinks are parameters so a test can hand in its own.
 */
public final class IngestPipeline {
  private IngestPipeline() {}

  public static void build(
      StreamExecutionEnvironment env,
      IngestConfig config,
      ValidationConfig validation,
      CatalogRelease initial,
      Source<RawRecord, ?, ?> source,
      Source<CatalogRelease, ?, ?> releases,
      Sink<EventEnvelope> log,
      Sink<DeadLetter> deadLetters) {
    BroadcastStream<CatalogRelease> catalog =
        env.fromSource(releases, WatermarkStrategy.noWatermarks(), "schema catalog releases")
            .uid("ingest-schema-source")
            .setParallelism(1)
            .broadcast(ValidateFunction.RELEASES);
    SingleOutputStreamOperator<EventEnvelope> valid =
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "raw events")
            .uid("ingest-raw-source")
            .setParallelism(config.parallelism())
            .connect(catalog)
            .process(new ValidateFunction(validation, initial, config.validatePayloads()))
            .uid("ingest-validate")
            .name("validate and upcast")
            .setParallelism(config.parallelism());

    valid.getSideOutput(ValidateFunction.DEAD_LETTERS)
        .sinkTo(deadLetters)
        .uid("ingest-dlq-sink")
        .name("dead-letter topic")
        .setParallelism(config.parallelism());

    valid
        .keyBy(DeduplicateFunction::entityKey)
        .process(new DeduplicateFunction(config.dedupTtl(), Clock.systemUTC()))
        .uid("ingest-dedup")
        .name("deduplicate and stamp ingest_time")
        .setParallelism(config.parallelism())
        .sinkTo(log)
        .uid("ingest-log-sink")
        .name("hot log")
        .setParallelism(config.parallelism());
  }
}
