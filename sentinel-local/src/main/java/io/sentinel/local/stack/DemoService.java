package io.sentinel.local.stack;

/**
 * A demo service to run and scrape.
 *
 * @param port            0 for any free port
 * @param leakMbPerSecond how fast an injected memory leak grows
 */
public record DemoService(String name, String environment, int port, int memoryLimitMb, int leakMbPerSecond) {
}
