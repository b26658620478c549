package io.sentinel.helm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What `helm install` tells the operator to do next. */
class NotesTest {

    @Test
    void theNotesNameEverySecretTheReleaseReads() {
        String notes = SentinelChart.example("production").notes();
        assertThat(notes).contains("- sentinel-signing:", "- sentinel-db-{service} and sentinel-db-{service}-owner:",
                "- sentinel-kafka-user:", "- kafka-cluster-ca:", "- sentinel-llm:", "- sentinel-slack:",
                "- sentinel-webhooks: the secret of webhook ops-channel", "- sentinel-playbook-secrets:",
                "- sentinel-bootstrap-admin (optional)", "- sentinel-ingest-token (optional)");
        assertThat(notes).contains("ServiceMonitor sentinel", "The executor may act in: shop, payments, and cordon nodes.");
    }

    @Test
    void theNotesTellHowToGetTheFirstAdminKeyAndConnectAlertmanager() {
        String notes = SentinelChart.defaults().notes();
        assertThat(notes).contains("--from-literal=admin-key=\"snl_$(openssl rand -hex 20)\"",
                "kubectl -n sentinel rollout restart deployment/sentinel-gateway",
                "url: http://sentinel-collector.sentinel.svc:8081/api/alertmanager",
                "credentials_file: /etc/alertmanager/secrets/sentinel-ingest-token/token");
        assertThat(notes).contains("No ServiceMonitor or PrometheusRule were installed", "The executor may not act on any namespace yet");
        assertThat(notes).doesNotContain("- sentinel-llm:", "- sentinel-slack:");
    }
}
