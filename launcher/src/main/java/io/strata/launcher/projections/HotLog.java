package io.strata.launcher.projections;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * The hot log as a projection's build needs it: where each partition starts and where its committed
 * records end, and the consumer groups of the versions' jobs (their committed offsets bound the hot
 * log's trimming, so a build commits where its job will start before the job exists).
 */
final class HotLog implements AutoCloseable {
  private static final long TIMEOUT_SECONDS = 30;

  private final Admin admin;
  private final String topic;

  HotLog(String bootstrapServers, String topic) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "strata-projections");
    this.admin = Admin.create(props);
    this.topic = requireNonNull(topic, "topic is null");
  }

  /** The first offset each partition still holds. */
  Map<Integer, Long> earliest() throws Exception {
    return offsets(OffsetSpec.earliest(), IsolationLevel.READ_UNCOMMITTED);
  }

  /** One past the last committed record of each partition (the last stable offset): what read_committed readers reach. */
  Map<Integer, Long> stableEnd() throws Exception {
    return offsets(OffsetSpec.latest(), IsolationLevel.READ_COMMITTED);
  }

  /** The group's committed offsets on the hot log, by partition; none for a group that has none. */
  Map<Integer, Long> committed(String group) throws Exception {
    Map<Integer, Long> out = new TreeMap<>();
    Map<TopicPartition, OffsetAndMetadata> all =
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    all.forEach((tp, o) -> {
      if (tp.topic().equals(topic) && o != null) {
        out.put(tp.partition(), o.offset());
      }
    });
    return out;
  }

  /** Commits offsets for a group that has no members (a version's job that has not started yet). */
  void commit(String group, Map<Integer, Long> offsets) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> request = new HashMap<>();
    offsets.forEach((p, o) -> request.put(new TopicPartition(topic, p), new OffsetAndMetadata(o)));
    admin.alterConsumerGroupOffsets(group, request).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  /** Deletes a retired version's group, so that it no longer holds back the hot log's trimming. */
  void deleteGroup(String group) throws Exception {
    try {
      admin.deleteConsumerGroups(List.of(group)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (!(e.getCause() instanceof GroupIdNotFoundException)) {
        throw e;
      }
    }
  }

  private Map<Integer, Long> offsets(OffsetSpec spec, IsolationLevel isolation) throws Exception {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic).partitions()
        .forEach(p -> request.put(new TopicPartition(topic, p.partition()), spec));
    Map<Integer, Long> out = new TreeMap<>();
    admin.listOffsets(request, new ListOffsetsOptions(isolation)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .forEach((tp, info) -> out.put(tp.partition(), info.offset()));
    return out;
  }

  @Override
  public void close() {
    admin.close();
  }
}
