package io.escalation.obs.core.spi.label;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.core.AppErrors;
import io.escalation.obs.core.ErrorSeverity;
import io.escalation.obs.core.Observability;
import io.escalation.obs.core.label.LabelPolicy;
import io.escalation.obs.core.spi.ModuleKit;
import io.escalation.obs.core.spi.catalog.CoreCatalogue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Generated spellings of phone, card, SSN, IP and email values never reach a label; generated
 * legitimate label values (model names, route templates, error types, queue names) pass unchanged.
 */
class LabelPiiPropertyTest {

    private static final long SEED = 20261202L;
    private static final int SPELLINGS = 4000;
    private static final String[] SEPARATORS = {
        "", " ", "-", ".", "_", "\u00a0", "\u2007", "\u202f", "\u3000", " - ", "/", "\u2010", "\u2011", "\u2013",
        "\u2014", "\u2212", "\ufe63", "\uff0d"
    };
    private static final String[] INVISIBLE = {
        "\u0000", "\u0007", "\u001b", "\u007f", "\u0080", "\u0085", "\u009b", "\u009f", "\u00ad", "\u200b",
        "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\u2069", "\ufeff", "\u2028",
    };
    private static final String[] PREFIXES = {
        "", "user_", "card_", "ssn_", "ip_", "phone-", "cust.", "x", "id:", "acct "
    };
    private static final String[] SUFFIXES = {"", "_x", "-retry", "z", ".json", " (mobile)"};

    private final Observability obs = Observability.builder()
            .serviceName("svc")
            .environment("test")
            .labelPolicy(LabelPolicy.builder().maxValuesPerLabel(10_000).build())
            .jvmMetrics(false)
            .build();

    @AfterEach
    void close() {
        obs.close();
    }

    @Test
    void everyGeneratedSpellingOfPiiBecomesRedactedAndIsCounted() {
        Random random = new Random(SEED);
        GuardedLabel<String> label =
                ModuleKit.of(obs).labels().guard(CoreCatalogue.APP_ERRORS, CoreCatalogue.ERROR_TYPE);
        List<String> leaked = new ArrayList<>();
        for (int i = 0; i < SPELLINGS; i++) {
            String value = spell(random, pii(random));
            if (!label.resolve(value).equals(LabelPolicy.REDACTED)) {
                leaked.add(escaped(value) + " -> " + escaped(label.resolve(value)));
            }
        }
        assertThat(leaked).as("label values that kept PII").isEmpty();
        assertThat(label.size()).isZero();
        assertThat(obs.prometheusText())
                .contains("obs_instrumentation_errors_total{environment=\"test\","
                        + "metric=\"app_errors_total\",reason=\"label_pii\",service=\"svc\"} " + SPELLINGS + ".0\n");
    }

    @Test
    void generatedLegitimateLabelValuesPassUnchanged() {
        Random random = new Random(SEED + 1);
        GuardedLabel<String> label =
                ModuleKit.of(obs).labels().guard(CoreCatalogue.APP_ERRORS, CoreCatalogue.ERROR_TYPE);
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < SPELLINGS; i++) {
            String value = legitimate(random);
            String resolved = label.resolve(value);
            if (!resolved.equals(value)) {
                changed.add(value + " -> " + resolved);
            }
        }
        assertThat(changed).as("legitimate values changed").isEmpty();
        assertThat(obs.prometheusText())
                .doesNotContain("reason=\"label_pii\"")
                .doesNotContain("reason=\"label_control_chars\"");
    }

    @Test
    void appErrorsTypeWithAControlOrFormatCharacterInAnEmailIsRedacted() {
        AppErrors errors = AppErrors.create(obs);
        errors.record("jane\u0000@example.com", ErrorSeverity.ERROR);
        errors.record("jane\u200b@example.com", ErrorSeverity.ERROR);
        errors.record("jane%2540example.com", ErrorSeverity.ERROR);
        String scrape = obs.prometheusText();
        assertThat(scrape)
                .doesNotContain("jane")
                .doesNotContain("example.com")
                .contains("app_errors_total{environment=\"test\",service=\"svc\",severity=\"error\","
                        + "type=\"redacted\"} 3.0\n")
                .contains("reason=\"label_pii\",service=\"svc\"} 3.0\n");
    }

    @Test
    void namedHostileValuesAreRedacted() {
        GuardedLabel<String> label =
                ModuleKit.of(obs).labels().guard(CoreCatalogue.APP_ERRORS, CoreCatalogue.ERROR_TYPE);
        for (String value : new String[] {
            "14155552671",
            "user_4155552671",
            "card_4111111111111111",
            "ssn_123-45-6789",
            "ip_192.168.1.10",
            "415\u00a0555\u00a02671",
            "\uff14\uff11\uff15\uff15\uff15\uff15\uff12\uff16\uff17\uff11",
            "\u0664\u0661\u0665\u0665\u0665\u0665\u0662\u0666\u0667\u0661",
            "jane%2540example.com",
            "jane\uff20example.com",
            "ip_2001:db8::1",
            "555-2671",
            "acct_00012345",
            "415\u2013555\u20132671",
            "415\u2212555\u22122671",
            "415/555/2671",
            "4111\u20141111\u20141111\u20141111"
        }) {
            assertThat(label.resolve(value)).as(escaped(value)).isEqualTo(LabelPolicy.REDACTED);
        }
    }

    @Test
    void datesAndModelVersionsAreNotDigitRuns() {
        GuardedLabel<String> label =
                ModuleKit.of(obs).labels().guard(CoreCatalogue.APP_ERRORS, CoreCatalogue.ERROR_TYPE);
        for (String value : new String[] {
            "claude-3-5-sonnet-20241022",
            "gpt-4o-2024-08-06",
            "o1-2024-12-17",
            "anthropic.claude-3-sonnet-20240229-v1:0",
            "claude-3-5-sonnet-v2@20241022",
            "gpt-4-1106-preview",
            "gpt-3.5-turbo-0125",
            "report_2026.01.31",
            "404",
            "v1.2.3"
        }) {
            assertThat(label.resolve(value)).isEqualTo(value);
        }
        // not dates: month 13, day 32, a date glued into a longer run
        for (String value : new String[] {"model-20241322", "model-20240132", "120241022"}) {
            assertThat(label.resolve(value)).as(value).isEqualTo(LabelPolicy.REDACTED);
        }
    }

    @Test
    void formatBidiAndC1CharactersInAnOrdinaryValueAreReplacedAndCounted() {
        AppErrors errors = AppErrors.create(obs);
        errors.record("Type\u200bError", ErrorSeverity.ERROR);
        errors.record("Rate\u202eLimit\u009b", ErrorSeverity.ERROR);
        errors.record("Bom\ufeffError", ErrorSeverity.ERROR);
        assertThat(obs.prometheusText())
                .contains("type=\"Type_Error\"} 1.0\n")
                .contains("type=\"Rate_Limit_\"} 1.0\n")
                .contains("type=\"Bom_Error\"} 1.0\n")
                .contains("reason=\"label_control_chars\",service=\"svc\"} 3.0\n");
    }

    @Test
    void truncationNeverSplitsASurrogatePair() {
        Observability small = Observability.builder()
                .serviceName("svc")
                .environment("test")
                .labelPolicy(LabelPolicy.builder().maxValueLength(8).build())
                .jvmMetrics(false)
                .build();
        try {
            GuardedLabel<String> label =
                    ModuleKit.of(small).labels().guard(CoreCatalogue.APP_ERRORS, CoreCatalogue.ERROR_TYPE);
            String resolved = label.resolve("Error\ud83d\ude00\ud83d\ude00"); // the 8th char is a high surrogate
            assertThat(resolved).isEqualTo("Error\ud83d\ude00");
            assertThat(Character.isHighSurrogate(resolved.charAt(resolved.length() - 1)))
                    .isFalse();
            AppErrors.create(small).record("Error\ud83d\ude00\ud83d\ude00", ErrorSeverity.ERROR);
            assertThat(small.prometheusText()).contains("type=\"Error\ud83d\ude00\"} 1.0\n");
        } finally {
            small.close();
        }
    }

    private static String pii(Random random) {
        switch (random.nextInt(6)) {
            case 0: { // NANP phone, with or without country code
                String area = (2 + random.nextInt(8)) + digits(random, 2);
                String exchange = (2 + random.nextInt(8)) + digits(random, 2);
                String sep = pick(random, SEPARATORS);
                String number = area + sep + exchange + sep + digits(random, 4);
                return random.nextBoolean() ? number : (random.nextBoolean() ? "+1" : "1") + sep + number;
            }
            case 1: { // card number in groups of four (Luhn or not: a label takes neither)
                String sep = pick(random, SEPARATORS);
                return "4" + digits(random, 3) + sep + digits(random, 4) + sep + digits(random, 4) + sep
                        + digits(random, 4);
            }
            case 2: { // SSN
                String sep = pick(random, SEPARATORS);
                return (1 + random.nextInt(8)) + digits(random, 2) + sep + digits(random, 2) + sep + digits(random, 4);
            }
            case 3: // IPv4
                return (1 + random.nextInt(223)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                        + (1 + random.nextInt(254));
            case 4: // account number
                return digits(random, 7 + random.nextInt(10));
            default: // email
                return pick(random, new String[] {"jane", "j.doe", "bob+x", "ann_lee"}) + "@"
                        + pick(random, new String[] {"example.com", "mail.example.org", "corp.io"});
        }
    }

    /** {@code value} in a random spelling: other digits, invisible characters, glue, percent-encoding. */
    private static String spell(Random random, String value) {
        StringBuilder s = new StringBuilder();
        int digitStyle = random.nextInt(4);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9' && digitStyle == 1) {
                c = (char) ('\uff10' + (c - '0')); // full-width
            } else if (c >= '0' && c <= '9' && digitStyle == 2) {
                c = (char) ('\u0660' + (c - '0')); // Arabic-Indic
            } else if (c == '@' && random.nextInt(4) == 0) {
                c = '\uff20';
            }
            s.append(c);
            if (i < value.length() - 1 && random.nextInt(6) == 0) {
                s.append(pick(random, INVISIBLE));
            }
        }
        String glued = pick(random, PREFIXES) + s + pick(random, SUFFIXES);
        switch (random.nextInt(4)) {
            case 0:
                return URLEncoder.encode(glued, StandardCharsets.UTF_8);
            case 1:
                return URLEncoder.encode(URLEncoder.encode(glued, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            default:
                return glued;
        }
    }

    private static String legitimate(Random random) {
        switch (random.nextInt(5)) {
            case 0:
                return pick(random, new String[] {
                            "gpt-4o",
                            "gpt-4o-mini",
                            "gpt-4-turbo",
                            "gpt-3.5-turbo-0125",
                            "claude-3-5-sonnet",
                            "claude-3-haiku",
                            "text-embedding-3-small",
                            "o1-mini",
                            "gemini-1.5-pro-002",
                            "llama-3.1-70b-instruct",
                            "mistral-large-2407"
                        })
                        + pick(random, new String[] {
                            "", "-20241022", "-2024-08-06", "-2025-01-31", "@20240229", "-v1:0", "-latest", "-preview"
                        });
            case 1:
                return "/api/v" + (1 + random.nextInt(3)) + "/"
                        + pick(random, new String[] {"tasks", "campaigns", "payments", "customers", "calls"})
                        + pick(random, new String[] {
                            "", "/{id}", "/{id}/retry", "/{customerId}/contacts", "/search", "/{id}/events/{eventId}"
                        });
            case 2:
                return pick(random, new String[] {
                            "Sql",
                            "Timeout",
                            "Validation",
                            "RateLimit",
                            "Http2",
                            "Utf8",
                            "LlmTimeout",
                            "Oauth2Token",
                            "S3Upload"
                        })
                        + pick(random, new String[] {"Error", "Exception"});
            case 3:
                return pick(random, new String[] {
                            "tasks",
                            "sms-outbound",
                            "email_retry",
                            "calls.priority",
                            "dlq-v2",
                            "campaign-2026-q1",
                            "webhooks"
                        })
                        + pick(random, new String[] {"", "-high", ".dlq", "_shard3", "-p1"});
            default:
                return pick(random, new String[] {
                    "200",
                    "404",
                    "503",
                    "v1.2.3",
                    "1.0.0-rc.1",
                    "release-2026.01",
                    "us-east-1",
                    "eu-west-2",
                    "HTTP/1.1",
                    "h2",
                    "tls1.3"
                });
        }
    }

    private static String digits(Random random, int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append((char) ('0' + random.nextInt(10)));
        }
        return s.toString();
    }

    private static String pick(Random random, String[] options) {
        return options[random.nextInt(options.length)];
    }

    private static String escaped(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return out.toString();
    }
}
