package io.sentinel.executor.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretStoreTest {

    @TempDir
    Path directory;

    @Test
    void readsASecretFromItsFileWithoutTheTrailingLineBreak() throws IOException {
        Files.writeString(directory.resolve("shop-admin-token"), "t0k3n\n");
        Files.writeString(directory.resolve("windows-token"), "w1n\r\n");

        SecretStore store = new SecretStore(directory, Map.of());

        assertThat(store.find("shop-admin-token")).hasValue("t0k3n");
        assertThat(store.find("windows-token")).hasValue("w1n");
    }

    @Test
    void fallsBackToTheEnvironmentAndPrefersTheFile() throws IOException {
        Files.writeString(directory.resolve("both"), "from-file");
        SecretStore store = new SecretStore(directory, Map.of("SENTINEL_SECRET_SHOP_ADMIN_TOKEN", "from-env",
                "SENTINEL_SECRET_BOTH", "env-loses"));

        assertThat(store.find("shop-admin-token")).hasValue("from-env");
        assertThat(store.find("both")).hasValue("from-file");
        assertThat(new SecretStore(null, Map.of("SENTINEL_SECRET_X", "x")).find("x")).hasValue("x");
    }

    @Test
    void aNameCannotReachOutsideTheDirectoryOrIntoOtherEnvironmentVariables() throws IOException {
        Path outside = Files.writeString(directory.getParent().resolve("outside-" + directory.getFileName()), "leaked");
        Files.createDirectories(directory.resolve("nested"));
        SecretStore store = new SecretStore(directory, Map.of("HOME", "/root", "SENTINEL_SECRET_", "empty-name"));

        assertThat(store.find("../" + outside.getFileName())).isEmpty();
        assertThat(store.find("nested")).as("a directory is not a secret").isEmpty();
        assertThat(store.find("HOME")).isEmpty();
        assertThat(store.find("")).isEmpty();
        assertThat(store.find(null)).isEmpty();
        Files.delete(outside);
    }

    @Test
    void anEmptySecretOrAnUnknownOneIsNone() throws IOException {
        Files.writeString(directory.resolve("blank"), "\n");

        SecretStore store = new SecretStore(directory, Map.of("SENTINEL_SECRET_EMPTY", ""));

        assertThat(store.find("blank")).isEmpty();
        assertThat(store.find("empty")).isEmpty();
        assertThat(store.find("unknown")).isEmpty();
        assertThat(store.whereToPut("unknown")).isEqualTo("a file " + directory.resolve("unknown")
                + " or the environment variable SENTINEL_SECRET_UNKNOWN");
    }

    @Test
    void masksEverySecretItKnowsInEveryEncoding() throws IOException {
        Files.writeString(directory.resolve("db-password"), "p@ss:w0rd/x\n");
        SecretStore store = new SecretStore(directory, Map.of("SENTINEL_SECRET_API", "a\"pi t0ken", "PATH", "/usr/bin"));

        SecretMasker masker = store.masker();

        assertThat(masker.mask("GET /u/p%40ss%3Aw0rd%2Fx/v?k=p%40ss%3Aw0rd%2Fx -> 500; raw p@ss:w0rd/x"))
                .isEqualTo("GET /u/***/v?k=*** -> 500; raw ***");
        assertThat(masker.mask("token a\"pi t0ken, path a%22pi%20t0ken, query a%22pi+t0ken, json a\\\"pi t0ken"))
                .isEqualTo("token ***, path ***, query ***, json ***");
        assertThat(masker.mask("/usr/bin stays")).isEqualTo("/usr/bin stays");
        assertThat(masker.mask(null)).isNull();
    }

    @Test
    void aMissingDirectoryStopsTheServiceNamingTheProperty() {
        assertThatThrownBy(() -> new SecretsProperties(directory.resolve("missing")))
                .hasMessageContaining("sentinel.executor.secrets.directory=");
        assertThat(new SecretsProperties(Path.of("")).directory()).isNull();
    }
}
