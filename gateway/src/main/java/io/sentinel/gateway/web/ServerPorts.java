package io.sentinel.gateway.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Which port a request arrived on: the public one (the API) or the management one (health, metrics,
 * info). With {@code management.server.port} set, Spring Boot runs actuator in a child context with
 * a server of its own, and both servers pass their requests through the one security filter chain
 * proxy, so the chains tell them apart by the port the connection was accepted on
 * ({@link HttpServletRequest#getLocalPort()}, which no request header can change). Ports are taken
 * from the configuration and, once the servers are up, from the servers themselves (port 0 in tests).
 * Until the management port is known, no request counts as a management request: actuator is then
 * unreachable rather than exposed.
 */
@Component
class ServerPorts implements ApplicationListener<WebServerInitializedEvent> {

    static final String MANAGEMENT_NAMESPACE = "management";

    private volatile int publicPort;
    private volatile int managementPort;

    ServerPorts(Environment environment) {
        this.publicPort = environment.getProperty("server.port", Integer.class, 8080);
        this.managementPort = environment.getProperty("management.server.port", Integer.class, -1);
    }

    /** Servers of child contexts announce themselves to the parent too: this sees both. */
    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        int port = event.getWebServer().getPort();
        if (MANAGEMENT_NAMESPACE.equals(event.getApplicationContext().getServerNamespace())) {
            managementPort = port;
        } else if (event.getApplicationContext().getServerNamespace() == null) {
            publicPort = port;
        }
    }

    /**
     * Whether the request came in on a management port of its own. A management port equal to the
     * public one (actuator in the main context) does not count: the public port never serves actuator.
     */
    boolean isManagementRequest(HttpServletRequest request) {
        int management = managementPort;
        return management > 0 && management != publicPort && request.getLocalPort() == management;
    }
}
