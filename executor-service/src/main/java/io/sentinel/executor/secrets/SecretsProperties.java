package io.sentinel.executor.secrets;

import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where {@code {{secrets.<name>}}} values come from.
 *
 * @param directory a directory with one file per secret, named after it (a mounted Kubernetes
 *                  Secret); unset: secrets come from environment variables only
 */
@ConfigurationProperties("sentinel.executor.secrets")
public record SecretsProperties(Path directory) {

    public SecretsProperties {
        if (directory != null && directory.toString().isBlank()) {
            directory = null;
        }
        if (directory != null && !Files.isDirectory(directory)) {
            throw new IllegalArgumentException("sentinel.executor.secrets.directory=" + directory + " is not a readable directory");
        }
    }
}
