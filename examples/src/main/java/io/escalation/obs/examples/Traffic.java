package io.escalation.obs.examples;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The users of the service: a seeded mix of API calls sent one at a time over real loopback HTTP
 * with {@link HttpClient}. Campaigns are created and finished (now and then by an agent, who may
 * not), contacts queued on every channel, agents run the tasks, customers pay (or promise to, or
 * their card is declined), users log in and out (some mistype their password), a few requests go
 * to paths that do not exist or carry an injection attempt, and every {@value #BURST_EVERY}
 * requests (and once early on) a client tries {@value #BURST} passwords in a row. With
 * {@code --faults none} ({@link FaultSwitch}) none of these mistakes: every login succeeds, only
 * supervisors finish campaigns, every path exists and every input is valid, and no contact goes to
 * a consumer the TCPA check would block. One request at a time: the service meets the requests,
 * and so its own seeded draws, in the same order on every run with the same seed.
 */
final class Traffic {

    private static final Pattern ID = Pattern.compile("\"id\":\"([a-z]-\\d+)\"");
    static final int BURST = 12;
    static final int BURST_EVERY = 400;
    private static final String[] CHANNELS = {"sms", "sms", "sms", "email", "email", "phone"};

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final String base;
    private final Random random;
    /** Whether the users make the mistakes above ({@code --faults demo}); none with {@code --faults none}. */
    private final boolean faults;

    private final List<String> campaigns = new ArrayList<>();
    private final List<String> tasks = new ArrayList<>();
    private long sent;

    Traffic(String base, long seed, boolean faults) {
        this.base = base;
        this.random = new Random(seed);
        this.faults = faults;
    }

    /**
     * Sends at most {@code requests} requests, one every {@code pace} at most, until
     * {@code deadlineNanos} ({@link System#nanoTime()}; {@link Long#MAX_VALUE}: no deadline) or an interrupt.
     */
    void run(long requests, Duration pace, long deadlineNanos) throws InterruptedException {
        for (long i = 0; i < requests && (deadlineNanos == Long.MAX_VALUE || System.nanoTime() < deadlineNanos); i++) {
            long start = System.nanoTime();
            step();
            long left = pace.toNanos() - (System.nanoTime() - start);
            if (left > 0) {
                Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
            } else if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    long sent() {
        return sent;
    }

    private void step() throws InterruptedException {
        if (sent % BURST_EVERY == 20 && faults) {
            burstOfFailedLogins();
            return;
        }
        int roll = random.nextInt(100);
        if (campaigns.size() < 3 || roll < 4) {
            String id = id(post("/api/v1/campaigns", ""));
            if (id != null) {
                campaigns.add(id);
            }
        } else if (roll < 16) {
            get("/api/v1/campaigns");
        } else if (roll < 24) {
            boolean missing = random.nextInt(25) == 0 && faults; // c-0 does not exist: 404
            get("/api/v1/campaigns/" + (missing ? "c-0" : pick(campaigns)));
        } else if (roll < 50) {
            // A small book: consumers are contacted again, some reach the call limit, every hundredth
            // is on the do-not-call list. Without faults, a book so large that no one is blocked.
            int consumer = faults ? random.nextInt(400) : notListed(random.nextInt(1_000_000));
            String to = random.nextInt(2) == 0
                    ? "+1555" + (1_000_000 + consumer * 37)
                    : "debtor" + consumer + "@example.com";
            String id = id(post(
                    "/api/v1/campaigns/" + pick(campaigns) + "/tasks",
                    "channel=" + CHANNELS[random.nextInt(CHANNELS.length)] + "&to=" + encode(to)));
            if (id != null) {
                tasks.add(id);
            }
        } else if (roll < 78) {
            if (!tasks.isEmpty()) {
                post("/api/v1/tasks/" + tasks.remove(random.nextInt(tasks.size())) + "/run", "");
            }
        } else if (roll < 91) {
            BigDecimal amount = BigDecimal.valueOf(2_000 + random.nextInt(48_000), 2); // $20.00-$499.99
            post(
                    "/api/v1/payments",
                    "amount=" + amount + "&promise=" + (random.nextInt(6) == 0) + "&customer="
                            + encode("customer" + random.nextInt(10_000) + "@example.com"));
        } else if (roll < 93) {
            if (campaigns.size() > 4) {
                boolean supervisor = random.nextInt(5) > 0 || !faults; // an agent may not: 403
                String id = pick(campaigns);
                if (supervisor) {
                    campaigns.remove(id);
                }
                post(
                        "/api/v1/campaigns/" + id + "/finish",
                        "",
                        "X-User",
                        "user" + random.nextInt(50),
                        "X-User-Role",
                        supervisor ? "supervisor" : "agent");
            }
        } else if (roll < 96) {
            boolean typo = random.nextInt(10) == 0 && faults;
            post(
                    "/api/v1/auth/login",
                    "user=user" + random.nextInt(50) + "&password=" + (typo ? "hunter2" : "correct-horse"),
                    "X-Forwarded-For",
                    "203.0.113." + (1 + random.nextInt(200)));
        } else if (roll < 97) {
            post("/api/v1/auth/logout", "");
        } else if (!faults) {
            get("/api/v1/campaigns"); // instead of the 404 and the 400s below
        } else if (roll < 98) {
            get("/api/v1/reports/" + random.nextInt(1_000)); // no such route: 404, endpoint NOT_FOUND
        } else if (roll < 99) {
            get("/api/v1/campaigns?status=" + encode("active' OR '1'='1' --")); // refused: 400
        } else {
            post("/api/v1/payments", "amount=lots"); // 400
        }
    }

    /** One client tries passwords for one account: 401s, the account locks, then 429s. */
    private void burstOfFailedLogins() throws InterruptedException {
        String client = "192.0.2." + (1 + random.nextInt(250));
        for (int i = 0; i < BURST; i++) {
            post(
                    "/api/v1/auth/login",
                    "user=admin" + random.nextInt(3) + "&password=guess" + i,
                    "X-Forwarded-For",
                    client);
        }
    }

    /** {@code consumer}, or the next one when the compliance check lists it as do-not-call (every hundredth). */
    private static int notListed(int consumer) {
        return consumer % 100 == 0 ? consumer + 1 : consumer;
    }

    private String pick(List<String> ids) {
        return ids.get(random.nextInt(ids.size()));
    }

    private static @Nullable String id(String body) {
        Matcher matcher = ID.matcher(body);
        return matcher.find() ? matcher.group(1) : null;
    }

    private String get(String path) throws InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private String post(String path, String form, String... headers) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    private String send(HttpRequest.Builder request) throws InterruptedException {
        sent++;
        try {
            return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            return ""; // the service is stopping, or dropped the connection: the next request tries again
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
