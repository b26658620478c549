package io.sentinel.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.sentinel.events.Topic;
import io.sentinel.testkit.DatabaseCoordinates;
import io.sentinel.testkit.EventSender;
import io.sentinel.testkit.TcpProxy;
import io.sentinel.testkit.TestInfrastructure;
import io.sentinel.testkit.TopicProbe;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A database outage while a valid event is being handled: the event waits for the database and is
 * handled once it is back; it never reaches the dead-letter topic. The service's only way to its
 * database goes through a proxy the test cuts and restores.
 */
@SpringBootTest(classes = ProbeApplication.class, properties = {
        // A consumer group and schema of its own, apart from RuntimeIntegrationTest's probe.
        "spring.cloud.stream.default.group=probe-outage",
        "sentinel.db.schema=probe_outage",
        "spring.datasource.hikari.connection-timeout=1000",
        "spring.datasource.hikari.validation-timeout=500"})
@ActiveProfiles("runtime-it")
class DatabaseOutageIntegrationTest {

    private static final Pattern HOST_PORT = Pattern.compile("//([^/:?]+):(\\d+)/");
    private static TcpProxy proxy;
    private static EventSender sender;
    private static TopicProbe probe;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void throughTheProxy(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
        DatabaseCoordinates db = TestInfrastructure.database();
        Matcher hostPort = HOST_PORT.matcher(db.jdbcUrl());
        if (!hostPort.find()) {
            throw new IllegalStateException("cannot find host:port in " + db.jdbcUrl());
        }
        proxy = TcpProxy.to(hostPort.group(1), Integer.parseInt(hostPort.group(2)));
        registry.add("spring.datasource.url", () -> hostPort.replaceFirst("//127.0.0.1:" + proxy.port() + "/"));
    }

    @BeforeAll
    static void connectToTheBroker() {
        sender = new EventSender(TestInfrastructure.broker().bootstrapServers());
        probe = TopicProbe.allTopics(TestInfrastructure.broker().bootstrapServers());
    }

    @AfterAll
    static void closeEverything() {
        probe.close();
        sender.close();
        proxy.close();
    }

    @Test
    void aValidEventWaitsOutADatabaseOutageAndIsNeverDeadLettered() throws Exception {
        String before = sender.send(ProbeEvents.opened("inc-before-outage")).id();
        await().atMost(Duration.ofSeconds(30)).until(() -> ProbeEvents.handled("probe_outage", before));

        proxy.cut();
        String during = sender.send(ProbeEvents.opened("inc-during-outage")).id();
        await().atMost(Duration.ofSeconds(30)).until(() -> transientRetries() >= 3);
        assertThat(ProbeEvents.handled("probe_outage", during)).isFalse();

        proxy.restore();
        await().atMost(Duration.ofSeconds(60)).until(() -> ProbeEvents.handled("probe_outage", during));
        assertThat(probe.records(Topic.INCIDENTS.deadLetterTopicName()))
                .as("the event that met the outage was handled, not dead-lettered")
                .noneMatch(record -> during.equals(record.headers().get("ce_id")));
    }

    private double transientRetries() {
        var counter = meters.find("sentinel.events.transient.retries").counter();
        return counter == null ? 0 : counter.count();
    }
}
