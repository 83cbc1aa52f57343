package io.escalation.obs.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/alertmanager/alertmanager.yml's inhibition, on a real Alertmanager (Debian's
 * {@code prometheus-alertmanager}) started with that file: alerts are posted through its API v2 and
 * the API then says which ones it suppresses and by what. amtool checks the file's routes; only a
 * running Alertmanager evaluates inhibit rules.
 */
class AlertmanagerInhibitionTest {

    private static final Path CONFIG = BomTest.ROOT.resolve("deploy/alertmanager/alertmanager.yml");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private LocalAlertmanager alertmanager;

    @AfterEach
    void stop() throws InterruptedException {
        if (alertmanager != null) {
            alertmanager.close();
        }
    }

    @Test
    void aCriticalMutesWarningsOfItsServiceAndServiceDownMutesTheRestWithinOneEnvironment() throws Exception {
        String url = start();
        String alerts = "["
                + alert("HighErrorRate", "critical", "payments")
                + "," + alert("HighResponseTime", "warning", "payments") // muted by the critical above
                + "," + alert("HighResponseTime", "warning", "campaigns") // another service: not muted
                + "," + alert("ServiceDown", "critical", "messaging")
                + "," + alert("HighErrorRate", "critical", "messaging") // muted by ServiceDown, though critical
                // the same service in two environments: staging's critical does not mute production
                + "," + alert("HighErrorRate", "critical", "billing", "staging")
                + "," + alert("HighResponseTime", "warning", "billing", "production")
                + "]";
        HttpResponse<String> posted = HTTP.send(
                HttpRequest.newBuilder(URI.create(url + "/api/v2/alerts"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(alerts))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);

        Map<String, JsonNode> byKey = new HashMap<>();
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            byKey.clear();
            for (JsonNode alert : JSON.readTree(get(url + "/api/v2/alerts"))) {
                JsonNode labels = alert.path("labels");
                byKey.put(
                        labels.path("alertname").asText() + "/"
                                + labels.path("service").asText(),
                        alert);
            }
            if (byKey.size() == 7
                    && state(byKey, "HighResponseTime/payments").equals("suppressed")
                    && state(byKey, "HighErrorRate/messaging").equals("suppressed")) {
                break;
            }
            Thread.sleep(100);
        }

        assertThat(byKey)
                .containsOnlyKeys(
                        "HighErrorRate/payments",
                        "HighResponseTime/payments",
                        "HighResponseTime/campaigns",
                        "ServiceDown/messaging",
                        "HighErrorRate/messaging",
                        "HighErrorRate/billing",
                        "HighResponseTime/billing");
        assertThat(state(byKey, "HighResponseTime/payments")).isEqualTo("suppressed");
        assertThat(inhibitedBy(byKey, "HighResponseTime/payments"))
                .isEqualTo(fingerprint(byKey, "HighErrorRate/payments"));
        assertThat(state(byKey, "HighErrorRate/messaging")).isEqualTo("suppressed");
        assertThat(inhibitedBy(byKey, "HighErrorRate/messaging"))
                .isEqualTo(fingerprint(byKey, "ServiceDown/messaging"));
        assertThat(state(byKey, "HighResponseTime/campaigns")).isEqualTo("active");
        assertThat(state(byKey, "HighErrorRate/payments")).isEqualTo("active");
        assertThat(state(byKey, "ServiceDown/messaging")).isEqualTo("active");
        assertThat(state(byKey, "HighResponseTime/billing"))
                .as("a warning in production, with a critical of its service in staging only")
                .isEqualTo("active");
    }

    private String start() throws Exception {
        alertmanager = LocalAlertmanager.start(dir, CONFIG, LoopbackProcess.freeLoopbackPort())
                .awaitReady(System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
        return alertmanager.url;
    }

    private static String alert(String name, String severity, String service) {
        return alert(name, severity, service, "production");
    }

    private static String alert(String name, String severity, String service, String environment) {
        return "{\"labels\":{\"alertname\":\"" + name + "\",\"severity\":\"" + severity + "\",\"service\":\""
                + service + "\",\"environment\":\"" + environment + "\",\"cluster\":\"us-east-1\","
                + "\"job\":\"client-escalation-calls\"},\"annotations\":{\"summary\":\"" + name + "\"},"
                + "\"startsAt\":\"" + Instant.now().minusSeconds(60) + "\"}";
    }

    private static String state(Map<String, JsonNode> alerts, String key) {
        JsonNode alert = alerts.get(key);
        return alert == null ? "missing" : alert.path("status").path("state").asText();
    }

    private static String inhibitedBy(Map<String, JsonNode> alerts, String key) {
        JsonNode by = alerts.get(key).path("status").path("inhibitedBy");
        assertThat(by).as("inhibitedBy of %s", key).hasSize(1);
        return by.get(0).asText();
    }

    private static String fingerprint(Map<String, JsonNode> alerts, String key) {
        return alerts.get(key).path("fingerprint").asText();
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
