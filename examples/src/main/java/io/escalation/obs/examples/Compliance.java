package io.escalation.obs.examples;

import io.escalation.obs.business.Channel;
import io.escalation.obs.security.BlockReason;
import io.escalation.obs.security.SecurityAudit;
import io.escalation.obs.security.SecurityMetrics;
import io.escalation.obs.security.SecurityResource;
import io.escalation.obs.security.SuspiciousActivity;
import io.escalation.obs.tcpa.CallingWindow;
import io.escalation.obs.tcpa.ComplianceAudit;
import io.escalation.obs.tcpa.OptOutDeadlines;
import io.escalation.obs.tcpa.TcpaChannel;
import io.escalation.obs.tcpa.TcpaMetrics;
import io.escalation.obs.tcpa.TcpaReason;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The service's security and compliance decisions, recorded through obs-security and obs-tcpa:
 * logins (an account locks after five failures in a row), a login throttle per client (after
 * five failures in a row a client gets 429s: a rate-limit violation and brute-force activity),
 * permission checks, malicious input, and the TCPA / Regulation F check before every contact
 * (calling window 8 a.m. to 9 p.m. in the consumer's zone, opt-outs, do-not-call, at most seven
 * calls per consumer) with opt-outs and their deadlines. Per-user and per-consumer facts go to the
 * audit events (logs/audit-security.log, logs/audit-tcpa.log), hashed under keys from
 * {@code OBS_AUDIT_HASH_KEY} (32 bytes or more) or random per process.
 *
 * <p>The decisions are counted, not timed: the throttle counts failures instead of reading a
 * clock, and the TCPA check uses a simulated local time of day drawn from the seeded random, so a
 * seed gives the same decisions on every run.
 */
final class Compliance {

    static final String LOGIN = "/api/v1/auth/login";
    static final int MAX_FAILURES = 5;
    static final int MAX_CALLS = 7;
    private static final ZoneId[] ZONES = {
        ZoneId.of("America/New_York"),
        ZoneId.of("America/Chicago"),
        ZoneId.of("America/Denver"),
        ZoneId.of("America/Los_Angeles"),
    };
    /** The simulated day the TCPA decisions are taken on (a weekday). */
    private static final LocalDate DAY = LocalDate.of(2026, 3, 10);

    private final Random random;
    final SecurityMetrics security;
    private final SecurityAudit securityAudit;
    private final SecurityMetrics.Endpoint login;
    final TcpaMetrics tcpa;
    private final ComplianceAudit tcpaAudit;
    private final Clock clock;
    /** Whether the queue reaches consumers outside the calling window now and then ({@code --faults demo}). */
    private final boolean faults;

    private final Map<String, AtomicInteger> failuresByUser = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failuresByClient = new ConcurrentHashMap<>();
    private final Set<String> locked = ConcurrentHashMap.newKeySet();
    private final Set<String> optedOut = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    /** Opt-outs received and not yet applied everywhere: the backlog gauges. */
    private final List<Instant> optOutsPending = new CopyOnWriteArrayList<>();

    private final OptOutDeadlines deadlines = OptOutDeadlines.of(ZoneId.of("America/New_York"));

    Compliance(Random random, SecurityMetrics security, TcpaMetrics tcpa, byte[] hashKey, Clock clock, boolean faults) {
        this.random = random;
        this.faults = faults;
        this.security = security;
        this.securityAudit = SecurityAudit.builder(security).hashKey(hashKey).build();
        this.login = security.endpoint(LOGIN);
        this.tcpa = tcpa;
        // fail-closed: no contact is made whose allowed decision the audit trail could not record
        this.tcpaAudit = ComplianceAudit.builder(tcpa)
                .consumerIdKey(hashKey)
                .failClosed(true)
                .build();
        this.clock = clock;
    }

    /** The answer to a login: 200, 401, 423 (locked) or 429 (throttled). */
    int login(String user, String password, String clientIp) {
        AtomicInteger byClient = failuresByClient.computeIfAbsent(clientIp, ip -> new AtomicInteger());
        if (byClient.get() >= MAX_FAILURES) {
            login.hit();
            if (byClient.get() == MAX_FAILURES) { // the first refusal of this client: one violation
                securityAudit.rateLimitViolation(LOGIN, clientIp);
                securityAudit.suspiciousActivity(SuspiciousActivity.BRUTE_FORCE, user, clientIp);
            }
            byClient.incrementAndGet();
            return 429;
        }
        if (locked.contains(user)) {
            securityAudit.requestBlocked(BlockReason.ACCOUNT_LOCKED, clientIp);
            byClient.incrementAndGet();
            return 423;
        }
        if (password.equals("correct-horse")) {
            security.loginSucceeded();
            security.sessionOpened();
            failuresByUser.remove(user);
            byClient.set(0);
            return 200;
        }
        securityAudit.loginFailed(user, clientIp);
        byClient.incrementAndGet();
        if (failuresByUser.computeIfAbsent(user, u -> new AtomicInteger()).incrementAndGet() == MAX_FAILURES) {
            locked.add(user);
            securityAudit.accountLocked(user, clientIp);
        }
        return 401;
    }

    void logout() {
        security.sessionClosed();
    }

    /** Whether {@code role} may finish campaigns; a denial is audited. */
    boolean mayFinishCampaigns(String role, String user, String clientIp) {
        if ("supervisor".equals(role)) {
            security.permissionGranted();
            return true;
        }
        securityAudit.permissionDenied(SecurityResource.CAMPAIGNS, user, clientIp);
        return false;
    }

    /** Whether {@code value} looks like an injection attempt; one is audited and blocked. */
    boolean malicious(@Nullable String value, String clientIp) {
        if (value == null || !(value.contains("'") || value.contains("--") || value.contains("<script"))) {
            return false;
        }
        securityAudit.suspiciousActivity(
                value.contains("<script") ? SuspiciousActivity.XSS : SuspiciousActivity.SQL_INJECTION, null, clientIp);
        securityAudit.requestBlocked(BlockReason.MALICIOUS_INPUT, clientIp);
        return true;
    }

    /** The TCPA / Reg F check before contacting {@code consumer}: null when allowed, else why not. */
    @Nullable
    TcpaReason check(Channel channel, String consumer) {
        TcpaChannel tcpaChannel = TcpaChannel.valueOf(channel.name());
        ZoneId zone = ZONES[draw(ZONES.length)];
        boolean late = draw(100) < 6 && faults; // 6 %: the queue reaches someone after 9 p.m.
        int hour = late ? 21 + draw(3) : 8 + draw(13);
        Instant decidedAt =
                DAY.atTime(LocalTime.of(hour, draw(60))).atZone(zone).toInstant();
        TcpaReason reason = null;
        if (optedOut.contains(consumer)) {
            reason = TcpaReason.OPT_OUT;
        } else if (consumer.endsWith("00")) { // on the do-not-call list
            reason = TcpaReason.DO_NOT_CALL;
        } else if (channel != Channel.EMAIL && !CallingWindow.standard().contains(decidedAt, zone)) {
            reason = TcpaReason.TIME_RESTRICTION;
        } else if (channel == Channel.PHONE
                && calls.computeIfAbsent(consumer, c -> new AtomicInteger()).incrementAndGet() > MAX_CALLS) {
            tcpa.frequencyLimitReached();
            reason = TcpaReason.FREQUENCY_LIMIT;
        }
        if (reason == null) {
            if (!tcpaAudit.allowed(tcpaChannel, consumer, zone, decidedAt).allowed()) {
                reason = TcpaReason.AUDIT_UNAVAILABLE; // the audit trail is down: blocked and counted
            }
        } else {
            tcpaAudit.blocked(reason, tcpaChannel, consumer, zone, decidedAt);
        }
        return reason;
    }

    /** The consumer replied STOP: recorded now, applied everywhere by {@link #applyOptOuts()}. */
    void optOut(Channel channel, String consumer) {
        Instant now = clock.instant();
        optedOut.add(consumer);
        optOutsPending.add(now);
        tcpaAudit.optOutReceived(TcpaChannel.valueOf(channel.name()), consumer, now, deadlines);
    }

    /** A periodic job: applies the opt-outs older than {@code age} seconds and reports the backlog. */
    void applyOptOuts(long ageSeconds) {
        Instant cutoff = clock.instant().minusSeconds(ageSeconds);
        List<Instant> done = new ArrayList<>();
        optOutsPending.forEach(at -> {
            if (at.isBefore(cutoff)) {
                done.add(at);
            }
        });
        optOutsPending.removeAll(done);
        tcpa.optOutBacklog(List.copyOf(optOutsPending), deadlines);
    }

    private int draw(int bound) {
        return random.nextInt(bound);
    }
}
