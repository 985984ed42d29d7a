package io.strata.flink.ingest.sink;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema.KafkaSinkContext;

/** The sink context of subtask 0 of 1, writing to a topic with three partitions. */
final class TestingKafkaSinkContext implements KafkaSinkContext {
  @Override
  public int getParallelInstanceId() {
    return 0;
  }

  @Override
  public int getNumberOfParallelInstances() {
    return 1;
  }

  @Override
  public int[] getPartitionsForTopic(String topic) {
    return new int[] {0, 1, 2};
  }
}
