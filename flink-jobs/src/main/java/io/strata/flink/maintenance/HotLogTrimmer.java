package io.strata.flink.maintenance;

import static java.util.Objects.requireNonNull;

import io.strata.tiering.HotLogRetention;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Trims the hot log to the policies' retention with {@code deleteRecords}, never past an offset a reader
 * of the hot log (the tier job, each projection version's job) has not committed ({@link HotLogRetention}). The topic's
 * own time retention is off ({@code retention.ms=-1}, set by the stack), so this is the only deletion.
 */
final class HotLogTrimmer {
  private static final long TIMEOUT_SECONDS = 30;

  private final Admin admin;
  private final String topic;
  private final List<String> readers;

  HotLogTrimmer(Admin admin, String topic, List<String> readers) {
    this.admin = requireNonNull(admin, "admin is null");
    this.topic = requireNonNull(topic, "topic is null");
    this.readers = List.copyOf(readers);
  }

  /** Deletes what is older than {@code retention} and read by every reader; returns how many records went. */
  long trim(Duration retention, Instant now) throws Exception {
    List<TopicPartition> partitions = new ArrayList<>();
    admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic).partitions()
        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    Map<Integer, Long> start = offsets(partitions, OffsetSpec.earliest());
    Map<Integer, Long> end = offsets(partitions, OffsetSpec.latest());
    Map<Integer, Long> cutoff = offsets(partitions, OffsetSpec.forTimestamp(now.minus(retention).toEpochMilli()));
    // No record at or after the cut-off: every record is older.
    end.forEach((p, e) -> cutoff.merge(p, e, (c, last) -> c < 0 ? last : c));
    List<Map<Integer, Long>> committed = new ArrayList<>();
    for (String group : groups()) {
      Map<Integer, Long> offsets = new HashMap<>();
      Map<TopicPartition, OffsetAndMetadata> all =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      all.forEach((tp, o) -> {
        if (tp.topic().equals(topic) && o != null) {
          offsets.put(tp.partition(), o.offset());
        }
      });
      committed.add(offsets);
    }
    Map<Integer, Long> delete = HotLogRetention.deleteBefore(cutoff, committed, start);
    if (delete.isEmpty()) {
      return 0;
    }
    Map<TopicPartition, RecordsToDelete> request = new HashMap<>();
    long records = 0;
    for (Map.Entry<Integer, Long> e : delete.entrySet()) {
      request.put(new TopicPartition(topic, e.getKey()), RecordsToDelete.beforeOffset(e.getValue()));
      records += e.getValue() - start.getOrDefault(e.getKey(), 0L);
    }
    admin.deleteRecords(request).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    return records;
  }

  /** The reader groups, with each name ending in {@code *} standing for every group it starts. */
  private List<String> groups() throws Exception {
    List<String> groups = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    for (String reader : readers) {
      if (reader.endsWith("*")) {
        prefixes.add(reader.substring(0, reader.length() - 1));
      } else {
        groups.add(reader);
      }
    }
    if (!prefixes.isEmpty()) {
      for (GroupListing g : admin.listGroups().all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        if (prefixes.stream().anyMatch(g.groupId()::startsWith)) {
          groups.add(g.groupId());
        }
      }
    }
    return groups;
  }

  private Map<Integer, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) throws Exception {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(p -> request.put(p, spec));
    Map<Integer, Long> out = new HashMap<>();
    for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e :
        admin.listOffsets(request).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).entrySet()) {
      out.put(e.getKey().partition(), e.getValue().offset());
    }
    return out;
  }
}
