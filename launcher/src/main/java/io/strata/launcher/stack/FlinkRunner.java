package io.strata.launcher.stack;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Flink MiniCluster in this JVM, running Strata's jobs under fixed job ids so that each start can
 * find the job's latest retained checkpoint and resume from it.
 */
public final class FlinkRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FlinkRunner.class);

  private final MiniCluster cluster;
  private final Configuration configuration;

  private FlinkRunner(MiniCluster cluster, Configuration configuration) {
    this.cluster = cluster;
    this.configuration = configuration;
  }

  public static FlinkRunner start(Configuration configuration, int slots) throws Exception {
    FileSystem.initialize(configuration, null);
    MiniCluster cluster =
        new MiniCluster(
            new MiniClusterConfiguration.Builder()
                .setConfiguration(configuration)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(slots)
                .build());
    cluster.start();
    return new FlinkRunner(cluster, configuration);
  }

  public URI webUi() throws Exception {
    return cluster.getRestAddress().get();
  }

  public MiniCluster cluster() {
    return cluster;
  }

  /** The fixed id of a named job: the same on every start, so checkpoints are found again. */
  public static JobID jobId(String name) {
    UUID uuid = UUID.nameUUIDFromBytes(("strata-job:" + name).getBytes(StandardCharsets.UTF_8));
    return new JobID(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits());
  }

  /**
   * Builds the job on a fresh environment, restores it from its latest complete checkpoint under
   * {@code checkpointDir} if there is one, and submits it.
   */
  public JobID submit(String name, String checkpointDir, Consumer<StreamExecutionEnvironment> graph)
      throws Exception {
    return submit(name, checkpointDir, Optional.empty(), graph);
  }

  /**
   * The same, restoring from {@code otherwise} (a savepoint) when the job has no checkpoint yet: a job
   * whose first state was written for it (a projection version's folded history).
   */
  public JobID submit(String name, String checkpointDir, Optional<String> otherwise, Consumer<StreamExecutionEnvironment> graph)
      throws Exception {
    JobID id = jobId(name);
    Optional<String> restore = latestCheckpoint(checkpointDir, id).or(() -> otherwise);
    StreamGraph streamGraph = graph(name, graph);
    streamGraph.setJobId(id);
    streamGraph.setSavepointRestoreSettings(
        restore.map(p -> SavepointRestoreSettings.forPath(p, false)).orElse(SavepointRestoreSettings.none()));
    cluster.submitJob(streamGraph).get();
    LOG.info("job {} ({}) submitted, {}", name, id, restore.map(p -> "restored from " + p).orElse("fresh start"));
    return id;
  }

  /**
   * Runs a bounded job (a batch job) under a new job id; the future completes when it has finished, or
   * fails with the job's failure.
   */
  public CompletableFuture<Void> runToEnd(String name, Consumer<StreamExecutionEnvironment> graph) throws Exception {
    StreamGraph streamGraph = graph(name, graph);
    JobID id = JobID.generate();
    streamGraph.setJobId(id);
    cluster.submitJob(streamGraph).get();
    LOG.info("job {} ({}) submitted", name, id);
    return cluster.requestJobResult(id).thenApply(result -> {
      if (!result.isSuccess()) {
        Throwable cause = result.getSerializedThrowable()
            .map(t -> t.deserializeError(FlinkRunner.class.getClassLoader()))
            .orElse(new IllegalStateException("job " + name + " ended " + result.getApplicationStatus()));
        throw new java.util.concurrent.CompletionException(cause);
      }
      return null;
    });
  }

  private StreamGraph graph(String name, Consumer<StreamExecutionEnvironment> graph) {
    StreamExecutionEnvironment env = new StreamExecutionEnvironment(new Configuration(configuration));
    graph.accept(env);
    StreamGraph streamGraph = env.getStreamGraph();
    streamGraph.setJobName("strata-" + name);
    return streamGraph;
  }

  /** Whether the named job runs (or is starting or restarting) on this cluster. */
  public boolean running(String name) throws Exception {
    JobID id = jobId(name);
    for (var job : cluster.listJobs().get(10, TimeUnit.SECONDS)) {
      if (job.getJobId().equals(id)) {
        return !job.getJobState().isGloballyTerminalState();
      }
    }
    return false;
  }

  /** Cancels the named job, if it runs, and waits until it has stopped; its checkpoints stay. */
  public void cancel(String name) throws Exception {
    if (running(name)) {
      JobID id = jobId(name);
      cluster.cancelJob(id).get(30, TimeUnit.SECONDS);
      cluster.requestJobResult(id).get(60, TimeUnit.SECONDS);
      LOG.info("job {} ({}) cancelled", name, id);
    }
  }

  /** Deletes everything under a folder of the checkpoint storage (a retired job's checkpoints, a savepoint). */
  public static void delete(String path) throws IOException {
    Path folder = new Path(path);
    FileSystem fs = folder.getFileSystem();
    if (fs.exists(folder)) {
      fs.delete(folder, true);
    }
  }

  /** Where a named job's checkpoints are kept under {@code checkpointDir}. */
  public static String checkpointsOf(String checkpointDir, String name) {
    return new Path(checkpointDir, jobId(name).toHexString()).toString();
  }

  public JobStatus status(JobID id) throws Exception {
    return cluster.getJobStatus(id).get();
  }

  /** The newest {@code chk-N} of the job that has its {@code _metadata}, that is, that completed. */
  public static Optional<String> latestCheckpoint(String checkpointDir, JobID id) throws IOException {
    Path jobDir = new Path(checkpointDir, id.toHexString());
    FileSystem fs = jobDir.getFileSystem();
    if (!fs.exists(jobDir)) {
      return Optional.empty();
    }
    FileStatus[] entries = fs.listStatus(jobDir);
    if (entries == null) {
      return Optional.empty();
    }
    return Stream.of(entries)
        .map(FileStatus::getPath)
        .filter(p -> p.getName().matches("chk-\\d+"))
        .filter(p -> exists(fs, new Path(p, "_metadata")))
        .max(Comparator.comparingLong(p -> Long.parseLong(p.getName().substring(4))))
        .map(Path::toString);
  }

  private static boolean exists(FileSystem fs, Path path) {
    try {
      return fs.exists(path);
    } catch (IOException e) {
      return false;
    }
  }

  /** Cancels the running jobs (their checkpoints are retained), then stops the cluster. */
  @Override
  public void close() throws Exception {
    try {
      for (var job : cluster.listJobs().get(10, TimeUnit.SECONDS)) {
        if (!job.getJobState().isGloballyTerminalState()) {
          cluster.cancelJob(job.getJobId()).get(10, TimeUnit.SECONDS);
          cluster.requestJobResult(job.getJobId()).get(30, TimeUnit.SECONDS);
        }
      }
    } catch (Exception e) {
      LOG.warn("cancelling jobs before shutdown failed; closing the cluster anyway", e);
    } finally {
      cluster.close();
    }
  }
}
