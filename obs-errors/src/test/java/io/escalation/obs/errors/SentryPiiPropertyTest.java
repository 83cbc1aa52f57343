package io.escalation.obs.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.escalation.obs.test.PiiSamples;
import io.escalation.obs.test.TestObservability;
import io.sentry.Breadcrumb;
import io.sentry.IScope;
import io.sentry.Sentry;
import io.sentry.protocol.Request;
import io.sentry.protocol.User;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Generated PII (e-mails, phones in many spellings, cards, SSNs, IPs, numbers of every Java numeric
 * type) in every position of a Sentry event (extras, tags, contexts, breadcrumbs, fingerprints,
 * user, request, exception and cause, thread name), sent by a real Sentry client to a loopback
 * Sentry: no raw value may appear in the envelope. Only spellings the masker masks in plain text
 * are generated, so this tests the positions, not the masker.
 */
class SentryPiiPropertyTest {

    private static final int CASES = 2_000;

    /** A caller's object in an extra or a context. */
    record Holder(String note, Object amount) {}

    @AfterEach
    void closeSentry() {
        Sentry.close();
    }

    private enum Position {
        EXTRA_VALUE,
        EXTRA_KEY,
        EXTRA_NESTED,
        EXTRA_OBJECT,
        TAG_VALUE,
        TAG_KEY,
        CONTEXT_VALUE,
        CONTEXT_KEY,
        CONTEXT_OBJECT,
        BREADCRUMB_MESSAGE,
        BREADCRUMB_CATEGORY,
        BREADCRUMB_VALUE,
        BREADCRUMB_KEY,
        FINGERPRINT,
        USER_ID,
        USER_FIELDS,
        REQUEST_HEADER,
        EXCEPTION,
        CAUSE,
        THREAD,
        EXTRA_NUMBER(true),
        NESTED_NUMBER(true),
        CONTEXT_NUMBER(true),
        BREADCRUMB_NUMBER(true);

        final boolean numeric;

        Position() {
            this(false);
        }

        Position(boolean numeric) {
            this.numeric = numeric;
        }
    }

    /** What to put on the scope, what to capture, and what must not be sent. */
    private record Case(
            List<String> raw, Consumer<IScope> scope, Throwable error, ErrorContext context, String threadName) {}

    @Test
    void noGeneratedPiiIsSentRawInAnyPosition() throws Exception {
        try (SentryInbox inbox = SentryInbox.start();
                TestObservability test = TestObservability.create();
                ErrorReporter errors = ErrorReporter.create(
                        test.obs(), SentrySettings.builder().dsn(inbox.dsn()).build())) {
            assertTimeoutPreemptively(Duration.ofSeconds(180), () -> {
                PiiSamples samples = new PiiSamples(20_261_203L);
                Random random = samples.random();
                int checked = 0;
                int[] perPosition = new int[Position.values().length];
                for (int i = 0; i < CASES; i++) {
                    Position position = Position.values()[random.nextInt(Position.values().length)];
                    Case c = position.numeric ? numberCase(position, samples) : textCase(position, samples);
                    if (c == null) {
                        continue;
                    }
                    Sentry.configureScope(IScope::clear);
                    Sentry.configureScope(scope -> c.scope.accept(scope));
                    String name = Thread.currentThread().getName();
                    Thread.currentThread().setName(c.threadName);
                    String id;
                    try {
                        id = errors.capture(c.error, c.context);
                    } finally {
                        Thread.currentThread().setName(name);
                    }
                    assertThat(id).as("case %d (%s) was sent", i, position).isNotNull();
                    assertThat(inbox.nextEvent().get("event_id").asText()).isEqualTo(id);
                    String body = inbox.bodies.get(inbox.bodies.size() - 1);
                    for (String raw : c.raw) {
                        assertThat(body)
                                .as("case %d: %s in %s", i, raw, position)
                                .doesNotContain(raw);
                    }
                    checked++;
                    perPosition[position.ordinal()]++;
                }
                assertThat(checked)
                        .as("cases that passed the masker's own filter")
                        .isGreaterThan(CASES * 3 / 4);
                for (Position position : Position.values()) {
                    assertThat(perPosition[position.ordinal()])
                            .as("cases in %s", position)
                            .isGreaterThan(20);
                }
            });
        }
    }

    private static Case textCase(Position position, PiiSamples samples) {
        String v = samples.text();
        Random random = samples.random();
        String embedding = v;
        Consumer<IScope> scope = s -> {};
        Throwable error = new IllegalStateException("declined");
        ErrorContext context = ErrorContext.empty();
        String thread = "worker";
        switch (position) {
            case EXTRA_VALUE:
                context = context.extra("note", v);
                break;
            case EXTRA_KEY:
                context = context.extra(v, "x");
                break;
            case EXTRA_NESTED:
                context = context.extra(
                        "c", nest(random.nextBoolean() ? Map.of("note", v) : Map.of(v, "x"), 1 + random.nextInt(3)));
                break;
            case EXTRA_OBJECT:
                embedding = new Holder(v, 1).toString();
                context = context.extra("holder", new Holder(v, 1));
                break;
            case TAG_VALUE:
                scope = s -> s.setTag("note", v);
                break;
            case TAG_KEY:
                scope = s -> s.setTag(v, "x");
                break;
            case CONTEXT_VALUE:
                scope = s -> s.setContexts("lookup", Map.of("note", v));
                break;
            case CONTEXT_KEY:
                boolean top = random.nextBoolean();
                scope = s -> {
                    if (top) {
                        s.setContexts(v, Map.of("n", 1));
                    } else {
                        s.setContexts("lookup", Map.of(v, "x"));
                    }
                };
                break;
            case CONTEXT_OBJECT:
                embedding = new Holder(v, 1).toString();
                scope = s -> s.setContexts("holder", new Holder(v, 1));
                break;
            case BREADCRUMB_MESSAGE:
                embedding = "called " + v;
                scope = s -> s.addBreadcrumb(new Breadcrumb("called " + v));
                break;
            case BREADCRUMB_CATEGORY:
                scope = s -> {
                    Breadcrumb crumb = new Breadcrumb("m");
                    crumb.setCategory(v);
                    s.addBreadcrumb(crumb);
                };
                break;
            case BREADCRUMB_VALUE:
            case BREADCRUMB_KEY:
                boolean key = position == Position.BREADCRUMB_KEY;
                scope = s -> {
                    Breadcrumb crumb = new Breadcrumb("m");
                    crumb.setData(key ? v : "note", key ? "x" : v);
                    s.addBreadcrumb(crumb);
                };
                break;
            case FINGERPRINT:
                scope = s -> s.setFingerprint(List.of("{{ default }}", v));
                break;
            case USER_ID:
                context = context.userId(v);
                break;
            case USER_FIELDS:
                scope = s -> {
                    User user = new User();
                    user.setUsername(v);
                    user.setEmail(v);
                    user.setIpAddress(v);
                    user.setData(Map.of("note", v, v, "x"));
                    s.setUser(user);
                };
                break;
            case REQUEST_HEADER:
                scope = s -> {
                    Request request = new Request();
                    request.setHeaders(Map.of("X-Note", v, v, "x"));
                    request.setUrl("https://example.test/customers?q=" + v);
                    s.setRequest(request);
                };
                embedding = "https://example.test/customers?q=" + v;
                break;
            case EXCEPTION:
                embedding = "failed " + v;
                error = new IllegalStateException("failed " + v);
                break;
            case CAUSE:
                error = new RuntimeException("outer", new IllegalArgumentException(v));
                break;
            case THREAD:
                embedding = "worker " + v;
                thread = "worker " + v;
                break;
            default:
                throw new IllegalArgumentException(position.name());
        }
        return PiiSamples.maskedInText(v, embedding) && PiiSamples.maskedInText(v, v)
                ? new Case(List.of(v), scope, error, context, thread)
                : null;
    }

    private static Case numberCase(Position position, PiiSamples samples) {
        Number n = samples.number();
        List<String> raw = PiiSamples.rawForms(n);
        if (!PiiSamples.maskedInText(raw.get(0), PiiSamples.digitsOf(n))) {
            return null;
        }
        int depth = 1 + samples.random().nextInt(3);
        Consumer<IScope> scope = s -> {};
        ErrorContext context = ErrorContext.empty();
        switch (position) {
            case EXTRA_NUMBER:
                context = context.extra("n", n);
                break;
            case NESTED_NUMBER:
                context = context.extra("c", nest(Map.of("n", n), depth));
                break;
            case CONTEXT_NUMBER:
                scope = s -> s.setContexts("lookup", Map.of("n", n));
                break;
            default:
                scope = s -> {
                    Breadcrumb crumb = new Breadcrumb("m");
                    crumb.setData("n", n);
                    s.addBreadcrumb(crumb);
                };
                break;
        }
        return new Case(raw, scope, new IllegalStateException("declined"), context, "worker");
    }

    private static Object nest(Map<String, Object> inner, int depth) {
        Object value = inner;
        for (int d = 1; d < depth; d++) {
            Map<String, Object> outer = new LinkedHashMap<>();
            outer.put("level" + d, d % 2 == 0 ? value : List.of(value));
            value = outer;
        }
        return value;
    }
}
