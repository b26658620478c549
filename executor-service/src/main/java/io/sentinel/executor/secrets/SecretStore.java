package io.sentinel.executor.secrets;

import io.sentinel.executor.template.SecretLookup;
import io.sentinel.playbooks.TemplateNames;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secrets playbooks may use: a file named after the secret in the secrets directory (a mounted
 * Kubernetes Secret, read at every use so a rotated value applies at once; a trailing line break is
 * not part of the value), else the environment variable {@code SENTINEL_SECRET_<NAME>} (upper case,
 * '-' as '_'). Values are never logged.
 */
public final class SecretStore implements SecretLookup {

    public static final String ENVIRONMENT_PREFIX = "SENTINEL_SECRET_";
    private static final Logger log = LoggerFactory.getLogger(SecretStore.class);
    private static final int MAX_BYTES = 64 * 1024;

    private final Path directory;
    private final Map<String, String> environment;

    /**
     * @param directory   the secrets directory, or null
     * @param environment the process environment ({@code System.getenv()})
     */
    public SecretStore(Path directory, Map<String, String> environment) {
        this.directory = directory;
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Optional<String> find(String name) {
        if (name == null || !TemplateNames.SECRET_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return fromFile(name).or(() -> usable(environment.get(environmentVariable(name))));
    }

    /** Where the secret would be, for messages that say what is missing. */
    public String whereToPut(String name) {
        String file = directory == null ? "" : "a file " + directory.resolve(name) + " or ";
        return file + "the environment variable " + environmentVariable(name);
    }

    /** Masks every secret known right now, in every form a step may have encoded it in. */
    public SecretMasker masker() {
        List<String> values = new ArrayList<>();
        environment.forEach((variable, value) -> {
            if (variable.startsWith(ENVIRONMENT_PREFIX)) {
                usable(value).ifPresent(values::add);
            }
        });
        if (directory != null) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    if (TemplateNames.SECRET_NAME.matcher(name).matches()) {
                        fromFile(name).ifPresent(values::add);
                    }
                }
            } catch (IOException e) {
                log.warn("cannot list the secrets directory {}: {}", directory, e.getClass().getSimpleName());
            }
        }
        return new SecretMasker(values);
    }

    static String environmentVariable(String name) {
        return ENVIRONMENT_PREFIX + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private Optional<String> fromFile(String name) {
        if (directory == null) {
            return Optional.empty();
        }
        Path file = directory.resolve(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                log.warn("secret file {} is larger than {} bytes; not used", file, MAX_BYTES);
                return Optional.empty();
            }
            return usable(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            log.warn("cannot read secret file {}: {}", file, e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private static Optional<String> usable(String value) {
        if (value == null) {
            return Optional.empty();
        }
        int end = value.length();
        while (end > 0 && (value.charAt(end - 1) == '\n' || value.charAt(end - 1) == '\r')) {
            end--;
        }
        return end == 0 ? Optional.empty() : Optional.of(value.substring(0, end));
    }
}
