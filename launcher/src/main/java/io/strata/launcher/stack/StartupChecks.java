package io.strata.launcher.stack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/** Checks of external services made before anything starts, each failing with the key to fix. */
final class StartupChecks {
  private StartupChecks() {}

  static void requireBucket(StackConfig config) {
    try (S3Client s3 =
        S3Client.builder()
            .endpointOverride(URI.create(config.s3Endpoint()))
            .forcePathStyle(true)
            .region(Region.of(config.catalog().s3Region()))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(
                        config.s3Credentials().accessKey(), config.s3Credentials().secretKey())))
            .build()) {
      s3.headBucket(b -> b.bucket(config.bucket()));
    } catch (NoSuchBucketException e) {
      throw new IllegalStateException(
          "strata.s3.bucket: bucket '" + config.bucket() + "' does not exist at " + config.s3Endpoint());
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "strata.s3.endpoint: cannot reach bucket '" + config.bucket() + "' at " + config.s3Endpoint()
              + ": " + e.getMessage(), e);
    }
  }

  static void requireCatalog(String uri, Optional<String> token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(uri.replaceAll("/+$", "") + "/v1/config"))
            .timeout(Duration.ofSeconds(5))
            .GET();
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    try {
      HttpResponse<Void> response =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(5))
              .build()
              .send(request.build(), HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "strata.tier.catalog-uri: the catalog at " + uri + " answered HTTP " + response.statusCode());
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException(
          "strata.tier.catalog-uri: the catalog at " + uri + " is unreachable: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking the catalog", e);
    }
  }
}
