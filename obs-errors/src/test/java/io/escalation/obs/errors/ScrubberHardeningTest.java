package io.escalation.obs.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.escalation.obs.core.pii.PiiNumbers;
import io.escalation.obs.test.TestObservability;
import io.sentry.Breadcrumb;
import io.sentry.Sentry;
import io.sentry.protocol.Request;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 12 (Hardening II), Sentry: keys, secret names, numbers, contexts, fingerprints, breadcrumbs, close. */
class ScrubberHardeningTest {

    @AfterEach
    void closeSentry() {
        Sentry.close();
    }

    /** A caller's object set as a context. */
    record Customer(String email, String phone) {}

    @Test
    void keysNumbersSecretsContextsFingerprintsAndBreadcrumbCategoriesAreScrubbed() throws Exception {
        try (SentryInbox inbox = SentryInbox.start();
                TestObservability test = TestObservability.create();
                ErrorReporter errors = ErrorReporter.create(
                        test.obs(), SentrySettings.builder().dsn(inbox.dsn()).build())) {
            Breadcrumb crumb = new Breadcrumb("called");
            crumb.setCategory("customer.bob@example.net");
            crumb.setType("http");
            crumb.setData("carl@example.org", "x");
            Sentry.addBreadcrumb(crumb);
            Sentry.configureScope(scope -> {
                scope.setFingerprint(List.of("{{ default }}", "customer-dora@example.com"));
                scope.setContexts("customer", new Customer("erin@example.com", "+1 415 555 2671"));
                Map<String, Object> nested = new LinkedHashMap<>();
                nested.put("fred@example.com", "key holds PII");
                nested.put("phone", 4155552671d);
                scope.setContexts("lookup", nested);
                scope.setTag("gina@example.com", "tag key");
                Request request = new Request();
                request.setHeaders(Map.of(
                        "X-Session-Id",
                        "3f2c1a9e-5b7d-4c8e-9a1f-2d3e4f5a6b7c",
                        "Session",
                        "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
                        "Accept",
                        "json"));
                scope.setRequest(request);
            });
            Map<String, Object> deep = new LinkedHashMap<>();
            deep.put("PASSWORD", "s3cr-a");
            deep.put("hank@example.com", List.of(new BigDecimal("4111111111111111")));
            AtomicReference<String> id = new AtomicReference<>();
            Thread worker = new Thread(
                    () -> id.set(errors.capture(
                            new IllegalStateException("declined"),
                            ErrorContext.empty()
                                    .extra("jane@example.com", "key holds PII")
                                    .extra("dbPassword", "s3cr-b")
                                    .extra("sessionToken", "s3cr-c")
                                    .extra("x-api-key", "s3cr-d")
                                    .extra("otp", "s3cr-e")
                                    .extra("tokens_used", 1200)
                                    .extra("acct", new BigDecimal("4111111111111111"))
                                    .extra("cardInt", new BigInteger("4111111111111111"))
                                    .extra("phoneDouble", 4155552671d)
                                    .extra("phoneAtomic", new AtomicLong(4155552671L))
                                    .extra("amount", new BigDecimal("120.50"))
                                    .extra("deep", deep))),
                    "worker ivan@example.com");
            worker.start();
            worker.join();

            JsonNode event = inbox.nextEvent();
            assertThat(event.get("event_id").asText()).isEqualTo(id.get());
            String bodies = String.join("\n", inbox.bodies);
            assertThat(bodies)
                    .doesNotContain(
                            "jane@example.com",
                            "bob@example.net",
                            "carl@example.org",
                            "dora@example.com",
                            "erin@example.com",
                            "fred@example.com",
                            "gina@example.com",
                            "hank@example.com",
                            "ivan@example.com",
                            "555 2671",
                            "4155552671",
                            "4.155552671E9",
                            "4111111111111111",
                            "s3cr-",
                            "3f2c1a9e-5b7d-4c8e-9a1f-2d3e4f5a6b7c",
                            "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");
            JsonNode extra = event.get("extra");
            for (String secret : new String[] {"dbPassword", "sessionToken", "x-api-key", "otp"}) {
                assertThat(extra.get(secret).asText()).as(secret).isEqualTo("[SECRET]");
            }
            assertThat(extra.get("tokens_used").asInt()).isEqualTo(1200);
            assertThat(extra.get("[EMAIL]").asText()).isEqualTo("key holds PII");
            assertThat(extra.get("acct").asText()).isEqualTo("[CARD ****1111]");
            assertThat(extra.get("phoneDouble").asText()).isEqualTo("[PHONE]");
            assertThat(extra.get("amount").decimalValue()).isEqualByComparingTo("120.50");
            assertThat(extra.get("deep").get("PASSWORD").asText()).isEqualTo("[SECRET]");
            assertThat(event.get("fingerprint").get(1).asText()).isEqualTo("[EMAIL]");
            JsonNode contexts = event.get("contexts");
            assertThat(contexts.get("trace").get("data").get("thread.name").asText())
                    .isEqualTo("worker [EMAIL]");
            assertThat(contexts.get("customer").asText()).isEqualTo("Customer[email=[EMAIL], phone=[PHONE]]");
            assertThat(contexts.get("lookup").get("[EMAIL]").asText()).isEqualTo("key holds PII");
            assertThat(contexts.get("lookup").get("phone").asText()).isEqualTo("[PHONE]");
            assertThat(event.get("tags").get("[EMAIL]").asText()).isEqualTo("tag key");
            assertThat(event.get("breadcrumbs").get(0).get("category").asText()).isEqualTo("[EMAIL]");
            assertThat(event.get("request").get("headers").get("X-Session-Id").asText())
                    .isEqualTo("[SECRET]");
            assertThat(event.get("request").get("headers").get("Accept").asText())
                    .isEqualTo("json");
        }
    }

    @Test
    void aCauseChain4000DeepSendsTheOutermostCausesAndTheRootNotFiftyMegabytes() throws Exception {
        try (SentryInbox inbox = SentryInbox.start();
                TestObservability test = TestObservability.create();
                ErrorReporter errors = ErrorReporter.create(
                        test.obs(), SentrySettings.builder().dsn(inbox.dsn()).build())) {
            Throwable chain = new IllegalStateException("root cause for jane@example.com");
            for (int i = 0; i < 4_000; i++) {
                chain = new RuntimeException("wrapped " + i, chain);
            }
            String id = errors.capture(chain);

            JsonNode event = inbox.nextEvent();
            assertThat(event.get("event_id").asText()).isEqualTo(id);
            JsonNode values = event.get("exception").get("values");
            assertThat(values.size()).isEqualTo(Scrubber.MAX_EXCEPTIONS);
            assertThat(values.get(0).get("value").asText()).isEqualTo("root cause for [EMAIL]");
            assertThat(values.get(values.size() - 1).get("value").asText()).isEqualTo("wrapped 3999");
            assertThat(inbox.bodies)
                    .singleElement()
                    .satisfies(body -> assertThat(body.length())
                            .as("an envelope Sentry accepts (its event limit is 1 MB)")
                            .isLessThan(1_000_000));
        }
    }

    @Test
    void aDecimalWithAHugeExponentIsNotSpelledOutForTheMasker() {
        // 1E+100000000 spelled out is 100 million digits: one run, in which no phone, card or SSN is read
        assertThat(PiiNumbers.digitsIfLarge(new BigDecimal("1E+100000000"))).isNull();
        assertThat(PiiNumbers.digitsIfLarge(new BigDecimal("4.111111111111111E+15")))
                .isEqualTo("4111111111111111");
    }

    @Test
    void closeTakesNoLongerThanTheShutdownTimeoutWhenSentryNeverAnswers() throws Exception {
        try (SentryInbox inbox = SentryInbox.hanging();
                TestObservability test = TestObservability.create()) {
            ErrorReporter errors = ErrorReporter.create(
                    test.obs(),
                    SentrySettings.builder()
                            .dsn(inbox.dsn())
                            .readTimeout(Duration.ofSeconds(30))
                            .shutdownTimeout(Duration.ofSeconds(2))
                            .build());
            for (int i = 0; i < 5; i++) {
                errors.capture(new IllegalStateException("queued " + i));
            }
            long start = System.nanoTime();
            errors.close();
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(tookMs)
                    .as("close() within its documented 2 s shutdown timeout, 0.9 s margin")
                    .isLessThan(2_900);
        }
    }
}
