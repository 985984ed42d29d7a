package io.strata.embedded;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S3-compatible server (S3Proxy) on 127.0.0.1, storing objects as files under a directory, so data
 * survives a restart. Signature V4 authentication with the given key pair.
 */
public final class EmbeddedS3 implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3.class);

  private final S3Proxy proxy;
  private final BlobStoreContext context;
  private final URI endpoint;
  private final S3Credentials credentials;

  private EmbeddedS3(S3Proxy proxy, BlobStoreContext context, URI endpoint, S3Credentials credentials) {
    this.proxy = proxy;
    this.context = context;
    this.endpoint = endpoint;
    this.credentials = credentials;
  }

  /** Starts the server; {@code port} 0 picks a free one. Fails with the port named when it is taken. */
  public static EmbeddedS3 start(Path dataDir, int port, S3Credentials credentials) throws Exception {
    requireNonNull(dataDir, "dataDir is null");
    requireNonNull(credentials, "credentials is null");
    Files.createDirectories(dataDir);
    int bound = port == 0 ? FreePorts.pick() : FreePorts.requireFree("strata.s3.port", port);
    Properties props = new Properties();
    props.setProperty("jclouds.filesystem.basedir", dataDir.toAbsolutePath().toString());
    BlobStoreContext context =
        ContextBuilder.newBuilder("filesystem")
            .credentials(credentials.accessKey(), credentials.secretKey())
            .overrides(props)
            .buildView(BlobStoreContext.class);
    URI endpoint = URI.create("http://127.0.0.1:" + bound);
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(context.getBlobStore())
            .endpoint(endpoint)
            .awsAuthentication(
                AuthenticationType.AWS_V2_OR_V4, credentials.accessKey(), credentials.secretKey())
            // AWS SDK v2 sends headers S3Proxy does not know (checksums, SDK hints).
            .ignoreUnknownHeaders(true)
            .build();
    proxy.start();
    while (!"STARTED".equals(proxy.getState())) {
      Thread.sleep(10);
    }
    LOG.info("S3 (S3Proxy) listening on {}, data under {}", endpoint, dataDir);
    return new EmbeddedS3(proxy, context, endpoint, credentials);
  }

  public URI endpoint() {
    return endpoint;
  }

  public S3Credentials credentials() {
    return credentials;
  }

  /** Creates the bucket if it does not exist yet. */
  public void ensureBucket(String bucket) {
    BlobStore store = context.getBlobStore();
    if (!store.containerExists(bucket)) {
      store.createContainerInLocation(null, bucket);
      LOG.info("created bucket {}", bucket);
    }
  }

  public boolean bucketExists(String bucket) {
    return context.getBlobStore().containerExists(bucket);
  }

  @Override
  public void close() throws Exception {
    try {
      proxy.stop();
    } finally {
      context.close();
    }
  }
}
