package io.sentinel.testkit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What every service's integration test stands on: the service under test wired to the shared real
 * broker and database, a sender to feed it events and a probe that sees every topic.
 */
public abstract class ServiceIntegrationTest {

    protected static TopicProbe probe;
    protected static EventSender sender;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
    }

    @BeforeAll
    static void connectToTheBroker() {
        String bootstrapServers = TestInfrastructure.broker().bootstrapServers();
        sender = new EventSender(bootstrapServers);
        probe = TopicProbe.allTopics(bootstrapServers);
    }

    @AfterAll
    static void disconnectFromTheBroker() {
        probe.close();
        sender.close();
    }

    protected static String bootstrapServers() {
        return TestInfrastructure.broker().bootstrapServers();
    }
}
