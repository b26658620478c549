package io.sentinel.admin.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SetupArgumentsTest {

    private static final List<String> REQUIRED = List.of("--url", "https://sso.example.com", "--admin-user", "root", "--admin-password", "kc-secret");

    @Test
    void theThreeRequiredOptionsAreEnoughAndEverythingElseHasItsDefault() {
        SetupArguments arguments = SetupArguments.parse(REQUIRED, Map.of());

        assertThat(arguments.url()).isEqualTo(URI.create("https://sso.example.com"));
        assertThat(arguments.adminUser()).isEqualTo("root");
        assertThat(arguments.adminPassword().value()).isEqualTo("kc-secret");
        assertThat(arguments.adminRealm()).isEqualTo("master");
        assertThat(arguments.realm()).isEqualTo("sentinel");
        assertThat(arguments.clientId()).isEqualTo("sentinel");
        assertThat(arguments.redirectUris()).containsExactly("http://localhost:8080/*");
        assertThat(arguments.firstAdminUsername()).isEqualTo("admin");
        assertThat(arguments.firstAdminEmail()).isEmpty();
        assertThat(arguments.firstAdminPassword()).isEmpty();
        assertThat(arguments.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(arguments.issuer()).isEqualTo("https://sso.example.com/realms/sentinel");
    }

    @Test
    void everyOptionIsReadInEitherFormAndRedirectUrisAccumulate() {
        SetupArguments arguments = SetupArguments.parse(List.of("--url=https://sso.example.com/auth/", "--admin-user", "root", "--admin-password=a=b",
                "--admin-realm", "ops", "--realm=prod", "--client", "sentinel-console", "--redirect-uri", "https://a.example.com/*",
                "--redirect-uri=https://b.example.com/callback", "--redirect-uri", "https://a.example.com/*", "--admin-username", "ops.lead",
                "--admin-email", "lead@example.com", "--timeout-seconds", "5"), Map.of());

        assertThat(arguments.url()).as("trailing slash dropped").isEqualTo(URI.create("https://sso.example.com/auth"));
        assertThat(arguments.adminPassword().value()).as("only the first = separates").isEqualTo("a=b");
        assertThat(arguments.adminRealm()).isEqualTo("ops");
        assertThat(arguments.realm()).isEqualTo("prod");
        assertThat(arguments.clientId()).isEqualTo("sentinel-console");
        assertThat(arguments.redirectUris()).containsExactly("https://a.example.com/*", "https://b.example.com/callback");
        assertThat(arguments.firstAdminUsername()).isEqualTo("ops.lead");
        assertThat(arguments.firstAdminEmail()).hasValue("lead@example.com");
        assertThat(arguments.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(arguments.issuer()).isEqualTo("https://sso.example.com/auth/realms/prod");
    }

    @Test
    void passwordsMayComeFromTheEnvironmentAndTheOptionWins() {
        List<String> withoutPassword = List.of("--url", "https://sso.example.com", "--admin-user", "root");
        Map<String, String> environment = Map.of(SetupArguments.ADMIN_PASSWORD_VARIABLE, "from-env",
                SetupArguments.FIRST_ADMIN_PASSWORD_VARIABLE, "first-admin-secret");

        SetupArguments fromEnvironment = SetupArguments.parse(withoutPassword, environment);
        SetupArguments fromOption = SetupArguments.parse(REQUIRED, environment);

        assertThat(fromEnvironment.adminPassword().value()).isEqualTo("from-env");
        assertThat(fromEnvironment.firstAdminPassword()).map(Secret::value).hasValue("first-admin-secret");
        assertThat(fromOption.adminPassword().value()).isEqualTo("kc-secret");
    }

    @Test
    void passwordsNeverAppearWhenTheArgumentsArePrinted() {
        SetupArguments arguments = SetupArguments.parse(REQUIRED, Map.of(SetupArguments.FIRST_ADMIN_PASSWORD_VARIABLE, "first-admin-secret"));

        assertThat(arguments.toString()).doesNotContain("kc-secret").doesNotContain("first-admin-secret").contains("[hidden]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no url                        | --admin-user root --admin-password pw                                       | --url is required
            no admin user                 | --url https://sso.example.com --admin-password pw                           | --admin-user is required
            no admin password             | --url https://sso.example.com --admin-user root                             | --admin-password (or SENTINEL_KEYCLOAK_ADMIN_PASSWORD) is required
            option without value          | --url https://sso.example.com --admin-user root --admin-password            | --admin-password needs a value
            option followed by option     | --url --admin-user root --admin-password pw                                 | --url needs a value
            unknown option                | --url https://sso.example.com --admin-user root --admin-password pw --force x | unknown option --force (see --help)
            repeated option               | --url https://a.example.com --url https://b.example.com --admin-user root --admin-password pw | --url is given twice
            positional word               | --url https://sso.example.com --admin-user root --admin-password my pass    | unexpected argument at position 7; options start with -- (see --help)
            not http                      | --url ftp://sso.example.com --admin-user root --admin-password pw          | --url must be an absolute http or https URL with a host, e.g. https://sso.example.com
            relative url                  | --url sso.example.com --admin-user root --admin-password pw                 | --url must be an absolute http or https URL with a host, e.g. https://sso.example.com
            url with query                | --url https://sso.example.com/?x=1 --admin-user root --admin-password pw    | --url must be Keycloak's base URL, without user, query or fragment, e.g. https://sso.example.com
            url with user                 | --url https://me@sso.example.com --admin-user root --admin-password pw      | --url must be Keycloak's base URL, without user, query or fragment, e.g. https://sso.example.com
            realm url                     | --url https://sso.example.com/realms/master --admin-user root --admin-password pw | --url must be Keycloak's base URL, not a realm's or the console's (drop everything from /realms or /admin)
            console url                   | --url https://sso.example.com/admin/master/console --admin-user root --admin-password pw | --url must be Keycloak's base URL, not a realm's or the console's (drop everything from /realms or /admin)
            realm with slash              | --url https://sso.example.com --admin-user root --admin-password pw --realm a/b | --realm must be 1 to 100 letters, digits and . _ -, starting with a letter or digit
            realm starting with dot       | --url https://sso.example.com --admin-user root --admin-password pw --realm .x  | --realm must be 1 to 100 letters, digits and . _ -, starting with a letter or digit
            client with bang              | --url https://sso.example.com --admin-user root --admin-password pw --client a!b | --client must be 1 to 100 letters, digits and . _ -, starting with a letter or digit
            upper-case username           | --url https://sso.example.com --admin-user root --admin-password pw --admin-username Admin | --admin-username must be 3 to 100 lower-case letters, digits and . _ @ -, starting with a letter or digit
            too short username            | --url https://sso.example.com --admin-user root --admin-password pw --admin-username ab | --admin-username must be 3 to 100 lower-case letters, digits and . _ @ -, starting with a letter or digit
            not an email                  | --url https://sso.example.com --admin-user root --admin-password pw --admin-email lead | --admin-email is not an e-mail address
            wildcard inside redirect      | --url https://sso.example.com --admin-user root --admin-password pw --redirect-uri https://*.example.com/ | --redirect-uri may contain * only at its end
            relative redirect             | --url https://sso.example.com --admin-user root --admin-password pw --redirect-uri /callback | --redirect-uri must be an absolute http or https URL with a host, e.g. https://sso.example.com
            javascript redirect           | --url https://sso.example.com --admin-user root --admin-password pw --redirect-uri javascript:alert(1) | --redirect-uri must be an absolute http or https URL with a host, e.g. https://sso.example.com
            zero timeout                  | --url https://sso.example.com --admin-user root --admin-password pw --timeout-seconds 0 | --timeout-seconds must be a whole number from 1 to 600
            huge timeout                  | --url https://sso.example.com --admin-user root --admin-password pw --timeout-seconds 99999999999 | --timeout-seconds must be a whole number from 1 to 600
            timeout with unit             | --url https://sso.example.com --admin-user root --admin-password pw --timeout-seconds 5s | --timeout-seconds must be a whole number from 1 to 600
            """)
    void aCommandLineThatCannotBeRunIsRefusedNamingTheOption(String what, String commandLine, String message) {
        List<String> args = List.of(commandLine.split(" "));

        assertThatThrownBy(() -> SetupArguments.parse(args, Map.of())).as(what)
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void aStrayWordIsNotEchoedBecauseItMayBeHalfAPassword() {
        assertThatThrownBy(() -> SetupArguments.parse(List.of("--url", "https://sso.example.com", "--admin-user", "root", "--admin-password", "correct",
                "horse-battery-staple"), Map.of()))
                .isInstanceOf(InvalidArgumentException.class)
                .message().doesNotContain("horse");
    }

    @Test
    void oversizedAndControlCharacterValuesAreRefusedWithoutBeingEchoed() {
        String huge = "x".repeat(5000);
        assertThatThrownBy(() -> SetupArguments.parse(withExtra("--realm", huge), Map.of()))
                .hasMessage("--realm is longer than 2048 characters");
        assertThatThrownBy(() -> SetupArguments.parse(withExtra("--admin-username", "admin\u001b[2Jgotcha"), Map.of()))
                .hasMessage("--admin-username contains a control character");
        assertThatThrownBy(() -> SetupArguments.parse(List.of("--url", "https://sso.example.com", "--admin-user", "root"),
                Map.of(SetupArguments.ADMIN_PASSWORD_VARIABLE, "p".repeat(300))))
                .hasMessage("--admin-password (or SENTINEL_KEYCLOAK_ADMIN_PASSWORD) is longer than 256 characters");
        assertThatThrownBy(() -> SetupArguments.parse(REQUIRED, Map.of(SetupArguments.FIRST_ADMIN_PASSWORD_VARIABLE, "")))
                .hasMessage("SENTINEL_FIRST_ADMIN_PASSWORD is empty; unset it to have a password generated");
        assertThatThrownBy(() -> SetupArguments.parse(withExtra("--unknown\u0007option", "x"), Map.of()))
                .hasMessage("unknown option --unknownoption (see --help)");
    }

    private static List<String> withExtra(String option, String value) {
        List<String> args = new ArrayList<>(REQUIRED);
        args.add(option);
        args.add(value);
        return args;
    }
}
