package io.escalation.obs.architecture;

import static io.escalation.obs.architecture.Yamls.dump;
import static io.escalation.obs.architecture.Yamls.list;
import static io.escalation.obs.architecture.Yamls.load;
import static io.escalation.obs.architecture.Yamls.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.escalation.obs.architecture.WebhookReceiver.Notification;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alertmanager in high availability, with deploy/ as shipped: two real Alertmanagers (Debian's
 * {@code prometheus-alertmanager}) clustered over loopback ({@code --cluster.listen-address},
 * {@code --cluster.peer}) with {@code deploy/alertmanager/alertmanager.yml}, and a Prometheus HA
 * pair, two real Prometheus with {@code deploy/prometheus/prometheus.yml}, external labels
 * {@code replica: a} and {@code replica: b}, each sending to both Alertmanagers. A firing alert
 * must reach the {@link WebhookReceiver} (PagerDuty and Slack on loopback) exactly once, and still
 * exactly once after one Alertmanager is stopped.
 *
 * <p>Why once, when four copies of the alert travel (two Prometheus, two Alertmanagers each):
 *
 * <ul>
 *   <li>The shipped {@code alert_relabel_configs} drops {@code replica}: both Prometheus send the
 *       same label set, so each Alertmanager holds one alert (one fingerprint), not two; each
 *       Prometheus resends it every {@code --rules.alert.resend-delay}, which only refreshes it.
 *   <li>Each Alertmanager groups and notifies on its own, but a member of a cluster first waits
 *       its position in the sorted member list times {@code --cluster.peer-timeout} (15 s, the
 *       default): the first member notifies after {@code group_wait}, the second 15 s later. The
 *       first records the notification in its notification log, which is gossiped to the other
 *       member (every {@code --cluster.gossip-interval}, 200 ms); when the second's turn comes its
 *       log already holds the entry for that group and the same firing alerts, and it sends
 *       nothing. The same check keeps both silent at every later {@code group_interval} flush
 *       until {@code repeat_interval}.
 *   <li>When a member is gone (here: the one that sent, stopped with SIGTERM, which leaves the
 *       cluster), the survivor is first in the list and notifies new alerts without waiting; the
 *       alert already notified stays silent because the survivor's log got the entry by gossip.
 * </ul>
 *
 * <p>What is rewritten, and why: receivers point at the webhook ({@link
 * TimeToDetectTest#alertmanagerConfig}); {@code group_interval} is {@value #GROUP_INTERVAL_SECONDS}
 * s instead of 5 m, so that every group is flushed again, and must stay silent, within the
 * observation windows ({@code group_wait} and all else as shipped); Prometheus's alert resend is
 * every {@value #RESEND_DELAY_SECONDS} s instead of 1 m. Prometheus scrapes only itself and a
 * drill target the test switches alerts on with, and loads one rule file of the test's own (three
 * alerts with the shipped labels: environment, cluster, service, severity): the shipped rules are
 * tested elsewhere, here the test must decide when an alert fires.
 *
 * <ol>
 *   <li>Once the cluster has formed (both members list 2 peers and are {@code ready}), a critical
 *       alert (to PagerDuty) and a warning (to Slack) fire on both Prometheus; for {@code
 *       group_wait} + peer timeout + a group interval + 5 s, which is longer than any duplicate
 *       would take, exactly one page and one Slack message must arrive, each of one alert.
 *   <li>The Alertmanager that sent them is stopped; a second critical alert fires: exactly one
 *       page for it, and none more for the first two, over the same kind of window.
 * </ol>
 *
 * <p>Wall time about 2 minutes (115 s measured on 2 shared cores), nearly all of it the two
 * observation windows (60 s and 40 s). Started without {@code --cluster.peer} (two lone
 * Alertmanagers), the same test sees 2 pages and 2 Slack messages in the first window and fails.
 */
class AlertmanagerHaTest {

    static final long GROUP_INTERVAL_SECONDS = 10;
    static final long RESEND_DELAY_SECONDS = 5;
    /** Alertmanager's default, passed explicitly as the javadoc's reasoning depends on it. */
    static final Duration PEER_TIMEOUT = Duration.ofSeconds(15);
    /** Added to every observation window and wait, for a loaded machine. */
    static final Duration MARGIN = Duration.ofSeconds(5);

    static final String FIRST_PAGE = "HaDrillPage";
    static final String FIRST_WARNING = "HaDrillWarning";
    static final String SECOND_PAGE = "HaDrillPageAfterFailover";
    /** Each drill alert: its severity, its service, the summary its notification carries. */
    private static final Map<String, String[]> DRILLS = new LinkedHashMap<>();

    static {
        DRILLS.put(FIRST_PAGE, new String[] {"critical", "ha-drill-payments", "HA drill: first page"});
        DRILLS.put(FIRST_WARNING, new String[] {"warning", "ha-drill-campaigns", "HA drill: first warning"});
        DRILLS.put(SECOND_PAGE, new String[] {"critical", "ha-drill-messaging", "HA drill: page after failover"});
    }

    private static final Path DEPLOY = BomTest.ROOT.resolve("deploy");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        Exception failure = null;
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aFiringAlertNotifiesOnceThroughTwoClusteredAlertmanagersAndStillOnceAfterOneStops() throws Exception {
        long begin = System.nanoTime();
        long startupDeadline = begin + TimeUnit.SECONDS.toNanos(90);
        Map<String, String> severities = new LinkedHashMap<>();
        Map<String, String> alertOfSummary = new LinkedHashMap<>();
        DRILLS.forEach((name, facts) -> {
            severities.put(name, facts[0]);
            alertOfSummary.put(facts[2], name);
        });
        WebhookReceiver receiver =
                open(WebhookReceiver.start(s -> alertOfSummary.getOrDefault(s, "?(" + s + ")"), severities));
        DrillTarget drill = open(DrillTarget.start());
        Map<String, Object> amConfig = alertmanagerConfig(receiver);
        Path amConfigFile = dir.resolve("alertmanager.yml");

        // two Alertmanagers, each naming the other as its peer
        int[] web = {LoopbackProcess.freeLoopbackPort(), LoopbackProcess.freeLoopbackPort()};
        int[] gossip = {LoopbackProcess.freeLoopbackPort(), LoopbackProcess.freeLoopbackPort()};
        LocalAlertmanager[] am = new LocalAlertmanager[2];
        for (int i = 0; i < 2; i++) {
            am[i] = open(LocalAlertmanager.startClustered(
                    Files.createDirectories(dir.resolve("alertmanager-" + member(i))),
                    amConfigFile,
                    web[i],
                    gossip[i],
                    List.of("127.0.0.1:" + gossip[1 - i]),
                    List.of("--cluster.peer-timeout=" + PEER_TIMEOUT.toSeconds() + "s")));
        }
        // the Prometheus pair, each sending to both
        Path rules = drillRules();
        LocalPrometheus[] prometheus = new LocalPrometheus[2];
        for (int i = 0; i < 2; i++) {
            int port = LoopbackProcess.freeLoopbackPort();
            Path promDir = Files.createDirectories(dir.resolve("prometheus-" + member(i)));
            Path config = prometheusConfig(promDir, member(i), port, drill.port(), rules, web);
            prometheus[i] = open(LocalPrometheus.start(
                    promDir, config, port, List.of("--rules.alert.resend-delay=" + RESEND_DELAY_SECONDS + "s")));
        }

        for (LocalAlertmanager member : am) {
            member.awaitReady(startupDeadline);
        }
        for (LocalAlertmanager member : am) {
            await("the Alertmanager cluster to form (2 peers, ready) on " + member.url, startupDeadline, () -> {
                JsonNode cluster = member.get("/api/v2/status").path("cluster");
                return cluster.path("peers").size() == 2
                        && "ready".equals(cluster.path("status").asText());
            });
        }
        JsonNode peers = am[0].get("/api/v2/status").path("cluster").path("peers");
        assertThat(peers).as("cluster peers").hasSize(2);
        for (LocalPrometheus p : prometheus) {
            p.awaitReady(startupDeadline);
            p.await(
                    "Prometheus to list both Alertmanagers and scrape the drill target",
                    startupDeadline,
                    () -> p.api("/api/v1/alertmanagers")
                                            .path("activeAlertmanagers")
                                            .size()
                                    == 2
                            && "up".equals(p.target("ha-drill").path("health").asText()));
        }
        assertThat(receiver.received())
                .as("notifications before any alert fired")
                .isEmpty();
        long ready = System.nanoTime();

        // 1. a page and a warning, with both Alertmanagers up
        drill.fire(FIRST_PAGE);
        drill.fire(FIRST_WARNING);
        long firing = awaitFiring(prometheus, FIRST_PAGE, FIRST_WARNING);
        Duration window1 = window(amConfig, "warning");
        sleepUntil(firing + window1.toNanos());
        Map<String, Long> counts1 = firingCounts(receiver);
        String context1 = context(receiver, am, prometheus);
        assertThat(counts1)
                .as(
                        "firing notifications per receiver and alert, %d s after both Prometheus fired; %s",
                        window1.toSeconds(), context1)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        WebhookReceiver.PAGERDUTY + " " + FIRST_PAGE, 1L,
                        WebhookReceiver.SLACK + " " + FIRST_WARNING, 1L));
        assertOneAlertEach(receiver.received());
        for (LocalAlertmanager member : am) {
            assertHeldOnce(member, FIRST_PAGE, FIRST_WARNING);
        }
        long[][] sent1 = {sent(am[0]), sent(am[1])};
        assertThat(sent1[0][0] + sent1[1][0])
                .as("pages sent by both Alertmanagers")
                .isEqualTo(1);
        assertThat(sent1[0][1] + sent1[1][1])
                .as("Slack messages sent by both Alertmanagers")
                .isEqualTo(1);
        int sender = sent1[0][0] == 1 ? 0 : 1;
        int survivor = 1 - sender;
        Duration paged1 = arrivedAfter(receiver, FIRST_PAGE, firing);

        // 2. the Alertmanager that paged stops; a second page
        am[sender].close();
        assertThat(am[sender].isAlive()).isFalse();
        long survivorPeers =
                am[survivor].get("/api/v2/status").path("cluster").path("peers").size();
        drill.fire(SECOND_PAGE);
        long firing2 = awaitFiring(prometheus, SECOND_PAGE);
        Duration window2 = window(amConfig, "critical");
        sleepUntil(firing2 + window2.toNanos());
        String context2 = context(receiver, am, prometheus);
        assertThat(firingCounts(receiver))
                .as(
                        "firing notifications per receiver and alert, %d s after the second page fired, Alertmanager %s"
                                + " stopped; %s",
                        window2.toSeconds(), member(sender), context2)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        WebhookReceiver.PAGERDUTY + " " + FIRST_PAGE, 1L,
                        WebhookReceiver.SLACK + " " + FIRST_WARNING, 1L,
                        WebhookReceiver.PAGERDUTY + " " + SECOND_PAGE, 1L));
        assertOneAlertEach(receiver.received());
        assertHeldOnce(am[survivor], FIRST_PAGE, FIRST_WARNING, SECOND_PAGE);
        long[] sent2 = sent(am[survivor]);
        assertThat(sent2[0])
                .as("pages sent by the surviving Alertmanager %s", member(survivor))
                .isEqualTo(sent1[survivor][0] + 1);
        Duration paged2 = arrivedAfter(receiver, SECOND_PAGE, firing2);

        System.out.printf(
                "AlertmanagerHaTest: cluster of 2 formed, both Prometheus sending to both Alertmanagers %.1f s after"
                        + " start; phase 1 (both up): %s over %d s, page %.1f s after firing, sent by Alertmanager %s"
                        + " (pages/slack per member a=%d/%d b=%d/%d); phase 2 (Alertmanager %s stopped, survivor"
                        + " lists %d peer(s)): %s over %d s, page %.1f s after firing; total %.1f s%n",
                seconds(ready - begin),
                counts1,
                window1.toSeconds(),
                seconds(paged1.toNanos()),
                member(sender),
                sent1[0][0],
                sent1[0][1],
                sent1[1][0],
                sent1[1][1],
                member(sender),
                survivorPeers,
                firingCounts(receiver),
                window2.toSeconds(),
                seconds(paged2.toNanos()),
                seconds(System.nanoTime() - begin));
    }

    // ---- assertions -------------------------------------------------------------------------------

    /** Firing notifications by receiver and alert; fails on any resolved one (no alert ever resolves here). */
    private static Map<String, Long> firingCounts(WebhookReceiver receiver) {
        List<Notification> all = receiver.received();
        assertThat(all.stream().filter(n -> !n.firing()))
                .as("resolved notifications (every drill alert keeps firing): %s", all)
                .isEmpty();
        return all.stream()
                .collect(Collectors.groupingBy(
                        n -> n.receiver() + " " + n.alert(), LinkedHashMap::new, Collectors.counting()));
    }

    /**
     * Every notification carries one alert, not one per Prometheus replica: a page's {@code firing}
     * detail is 1, a Slack message has one description line. Each also says which service, environment
     * and cluster: the page in PagerDuty's component, group and class, the Slack message in its title.
     */
    private static void assertOneAlertEach(List<Notification> notifications) throws IOException {
        for (Notification n : notifications) {
            JsonNode body = JSON.readTree(n.body());
            String service = DRILLS.get(n.alert())[1];
            if (n.receiver().equals(WebhookReceiver.PAGERDUTY)) {
                JsonNode payload = body.path("payload");
                assertThat(payload.path("custom_details").path("firing").asText())
                        .as("alerts in the page %s", n.body())
                        .isEqualTo("1");
                assertThat(List.of(
                                payload.path("component").asText(),
                                payload.path("group").asText(),
                                payload.path("class").asText()))
                        .as("component, group and class of the page %s", n.body())
                        .containsExactly(service, "production/us-east-1", n.alert());
            } else {
                JsonNode attachment = body.path("attachments").path(0);
                assertThat(attachment.path("text").asText().strip().split("\n"))
                        .as("alerts in the Slack message %s", n.body())
                        .hasSize(1);
                assertThat(attachment.path("title").asText())
                        .isEqualTo("[" + (n.firing() ? "FIRING" : "RESOLVED") + "] " + n.alert() + " (" + service
                                + ", production/us-east-1)");
            }
        }
    }

    /** {@code member} holds each of {@code names} once, without the {@code replica} label, with the fleet labels. */
    private static void assertHeldOnce(LocalAlertmanager member, String... names) throws Exception {
        Map<String, List<JsonNode>> held = new LinkedHashMap<>();
        for (JsonNode alert : member.get("/api/v2/alerts")) {
            held.computeIfAbsent(alert.path("labels").path("alertname").asText(), k -> new ArrayList<>())
                    .add(alert.path("labels"));
        }
        assertThat(held).as("alerts held by %s", member.url).containsOnlyKeys(names);
        held.forEach((name, copies) -> {
            assertThat(copies).as("copies of %s held by %s", name, member.url).hasSize(1);
            JsonNode labels = copies.get(0);
            assertThat(labels.has("replica"))
                    .as("%s carries replica: %s", name, labels)
                    .isFalse();
            for (String label : List.of("environment", "cluster", "service", "severity")) {
                assertThat(labels.path(label).asText())
                        .as("%s of %s", label, name)
                        .isNotEmpty();
            }
        });
    }

    /** Pages and Slack messages {@code member} sent, from its alertmanager_notifications_total. */
    private static long[] sent(LocalAlertmanager member) throws Exception {
        HttpResponse<String> metrics = LoopbackProcess.HTTP.send(
                HttpRequest.newBuilder(URI.create(member.url + "/metrics"))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        long[] sent = new long[2];
        for (String line : metrics.body().split("\n")) {
            if (line.startsWith("alertmanager_notifications_total{")) {
                long value = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                if (line.contains("integration=\"pagerduty\"")) {
                    sent[0] += value;
                } else if (line.contains("integration=\"slack\"")) {
                    sent[1] += value;
                }
            }
        }
        return sent;
    }

    private static Duration arrivedAfter(WebhookReceiver receiver, String alert, long since) {
        Notification first = receiver.first(n -> n.alert().equals(alert));
        assertThat(first).as("a notification of %s", alert).isNotNull();
        return Duration.ofNanos(first.arrivedNanos() - since);
    }

    /** What the notifications, each Alertmanager and each Prometheus say, for a failure message. */
    private static String context(WebhookReceiver receiver, LocalAlertmanager[] am, LocalPrometheus[] prometheus) {
        StringBuilder text = new StringBuilder("notifications: " + receiver.received());
        for (int i = 0; i < am.length; i++) {
            text.append("\nAlertmanager ").append(member(i)).append("'s log:\n").append(am[i].logTail());
        }
        for (int i = 0; i < prometheus.length; i++) {
            text.append("\nPrometheus ").append(member(i)).append("'s log:\n").append(prometheus[i].logTail());
        }
        return text.toString();
    }

    // ---- timing -----------------------------------------------------------------------------------

    /**
     * How long a duplicate could take to show for an alert of {@code severity}: its route's
     * {@code group_wait}, then the second member's peer-timeout wait, then a group interval (or a
     * resend, whichever is longer), plus {@link #MARGIN}.
     */
    private static Duration window(Map<String, Object> amConfig, String severity) {
        Map<String, Object> route = map(amConfig.get("route"));
        String groupWait = (String) route.get("group_wait");
        for (Object item : list(route.get("routes"))) {
            Map<String, Object> child = map(item);
            if (list(child.get("matchers")).contains("severity=\"" + severity + "\"")
                    && child.containsKey("group_wait")) {
                groupWait = (String) child.get("group_wait");
            }
        }
        return duration(groupWait)
                .plus(PEER_TIMEOUT)
                .plusSeconds(Math.max(GROUP_INTERVAL_SECONDS, RESEND_DELAY_SECONDS))
                .plus(MARGIN);
    }

    /** {@code 10s}, {@code 5m}, {@code 1h}. */
    static Duration duration(String text) {
        long amount = Long.parseLong(text.substring(0, text.length() - 1));
        switch (text.charAt(text.length() - 1)) {
            case 's':
                return Duration.ofSeconds(amount);
            case 'm':
                return Duration.ofMinutes(amount);
            case 'h':
                return Duration.ofHours(amount);
            default:
                return fail("not a duration: %s", text);
        }
    }

    /** Waits until both Prometheus hold every one of {@code names} firing; returns when. */
    private static long awaitFiring(LocalPrometheus[] prometheus, String... names) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (LocalPrometheus p : prometheus) {
            p.await("Prometheus to fire " + List.of(names), deadline, () -> {
                List<String> firing = new ArrayList<>();
                for (JsonNode alert : p.api("/api/v1/alerts").path("alerts")) {
                    if ("firing".equals(alert.path("state").asText())) {
                        firing.add(alert.path("labels").path("alertname").asText());
                    }
                }
                return firing.containsAll(List.of(names));
            });
        }
        return System.nanoTime();
    }

    private static void await(String what, long deadlineNanos, LoopbackProcess.Condition condition) throws Exception {
        while (true) {
            try {
                if (condition.holds()) {
                    return;
                }
            } catch (IOException | AssertionError notYet) {
                // not answering yet
            }
            if (System.nanoTime() > deadlineNanos) {
                fail("timed out waiting for %s", what);
            }
            Thread.sleep(200);
        }
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 1000));
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static String member(int i) {
        return i == 0 ? "a" : "b";
    }

    private <T extends AutoCloseable> T open(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    // ---- deploy/ as shipped, pointed at loopback ----------------------------------------------------

    /**
     * deploy/alertmanager/alertmanager.yml, receivers pointed at the webhook (as {@link
     * TimeToDetectTest} does), {@code group_interval} {@value #GROUP_INTERVAL_SECONDS} s.
     */
    private Map<String, Object> alertmanagerConfig(WebhookReceiver receiver) throws IOException {
        Path file = TimeToDetectTest.alertmanagerConfig(dir, receiver);
        Map<String, Object> config = load(file);
        Map<String, Object> route = map(config.get("route"));
        assertThat(route).containsKey("group_interval");
        route.put("group_interval", GROUP_INTERVAL_SECONDS + "s");
        for (Object child : list(route.get("routes"))) {
            assertThat(map(child)).as("a route setting its own group_interval").doesNotContainKey("group_interval");
        }
        dump(config, file);
        return config;
    }

    /**
     * deploy/prometheus/prometheus.yml for one replica of the pair: external label {@code replica}
     * added, its {@code alert_relabel_configs} as shipped (which must drop {@code replica}), both
     * Alertmanagers as targets, the {@code prometheus} job scraping this Prometheus, the drill
     * target scraped every second instead of the application and exporters, the drill rules
     * instead of the shipped ones.
     */
    private static Path prometheusConfig(Path dir, String replica, int port, int drillPort, Path rules, int[] am)
            throws IOException {
        Map<String, Object> config = load(DEPLOY.resolve("prometheus/prometheus.yml"));
        Map<String, Object> externalLabels = map(map(config.get("global")).get("external_labels"));
        assertThat(externalLabels).as("shipped external labels").containsKey("prometheus");
        externalLabels.put("replica", replica);
        Map<String, Object> alerting = map(config.get("alerting"));
        assertThat(list(alerting.get("alert_relabel_configs")))
                .as("prometheus.yml's alerting.alert_relabel_configs")
                .contains(Map.of("action", "labeldrop", "regex", "replica"));
        List<Object> managers = list(alerting.get("alertmanagers"));
        assertThat(managers).as("prometheus.yml's alertmanagers").hasSize(1);
        for (Object statics : list(map(managers.get(0)).get("static_configs"))) {
            map(statics).put("targets", List.of("127.0.0.1:" + am[0], "127.0.0.1:" + am[1]));
        }
        List<Object> scrapes = new ArrayList<>();
        for (Object item : list(config.get("scrape_configs"))) {
            Map<String, Object> job = map(item);
            if ("prometheus".equals(job.get("job_name"))) {
                for (Object statics : list(job.get("static_configs"))) {
                    map(statics).put("targets", List.of("127.0.0.1:" + port));
                }
                scrapes.add(job);
            }
        }
        assertThat(scrapes).as("prometheus.yml's prometheus job").hasSize(1);
        Map<String, Object> drill = new LinkedHashMap<>();
        drill.put("job_name", "ha-drill");
        drill.put("scrape_interval", "1s");
        drill.put("static_configs", List.of(Map.of("targets", List.of("127.0.0.1:" + drillPort))));
        scrapes.add(drill);
        config.put("scrape_configs", scrapes);
        config.put("rule_files", List.of(rules.toString()));
        Path file = dir.resolve("prometheus.yml");
        dump(config, file);
        return file;
    }

    /**
     * One alert per drill, firing while the drill target's gauge is 1 (its last value over a
     * minute: a missed scrape does not resolve it), evaluated every second, no {@code for:}.
     */
    private Path drillRules() throws IOException {
        StringBuilder yaml = new StringBuilder("groups:\n  - name: ha-drill\n    interval: 1s\n    rules:\n");
        DRILLS.forEach((name, facts) -> yaml.append("      - alert: ")
                .append(name)
                .append("\n        expr: last_over_time(ha_drill_firing{drill=\"")
                .append(name)
                .append("\"}[1m]) == 1\n        labels:\n          severity: ")
                .append(facts[0])
                .append("\n        annotations:\n          summary: '")
                .append(facts[2])
                .append("'\n          description: '")
                .append(name)
                .append(" fires on {{ $labels.service }}'\n          runbook_url: 'https://example.invalid/")
                .append(name)
                .append("'\n"));
        Path file = dir.resolve("ha-drill-rules.yml");
        Files.writeString(file, yaml);
        return file;
    }

    /**
     * A scrape target on loopback exposing {@code ha_drill_firing}, one series per drill with the
     * labels the application's series carry ({@code environment}, {@code cluster}, {@code
     * service}), 0 until the test fires it.
     */
    static final class DrillTarget implements AutoCloseable {

        private final HttpServer server;
        private final Map<String, Integer> values = new ConcurrentHashMap<>();

        private DrillTarget(HttpServer server) {
            this.server = server;
            DRILLS.keySet().forEach(name -> values.put(name, 0));
        }

        static DrillTarget start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            DrillTarget target = new DrillTarget(server);
            server.createContext("/metrics", target::metrics);
            server.start();
            return target;
        }

        int port() {
            return server.getAddress().getPort();
        }

        void fire(String drill) {
            values.put(drill, 1);
        }

        private void metrics(HttpExchange exchange) throws IOException {
            try (exchange) {
                StringBuilder text = new StringBuilder("# TYPE ha_drill_firing gauge\n");
                DRILLS.forEach((name, facts) -> text.append("ha_drill_firing{drill=\"")
                        .append(name)
                        .append("\",environment=\"production\",cluster=\"us-east-1\",service=\"")
                        .append(facts[1])
                        .append("\"} ")
                        .append(values.get(name))
                        .append('\n'));
                byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
