package io.escalation.obs.business;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.test.TestObservability;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PaymentMetricsTest {

    private final TestObservability test = TestObservability.create();
    private final PaymentMetrics payments = PaymentMetrics.create(test.obs());

    @AfterEach
    void close() {
        test.close();
    }

    @Test
    void countersAreExposedWithTheSeedNames() {
        payments.collected(new BigDecimal("125.40"));
        payments.collectedCents(5_000);
        payments.promised();
        payments.promised();
        payments.failed();

        assertThatScrape(test)
                .hasType("payments_collected_total", "counter")
                .hasSample("payments_collected_total", 2)
                .hasType("payments_collected_amount_usd_total", "counter")
                .hasSample("payments_collected_amount_usd_total", 175.4)
                .hasSample("payments_promised_total", 2)
                .hasSample("payments_failed_total", 1)
                .hasNoInstrumentationErrors();
    }

    @Test
    void tenCentsAHundredThousandTimesIsExactlyTenThousandDollars() {
        BigDecimal dime = new BigDecimal("0.10");
        double naive = 0;
        for (int i = 0; i < 100_000; i++) {
            payments.collected(dime);
            naive += 0.10;
        }

        assertThat(naive).as("what a double sum would expose").isNotEqualTo(10_000.0);
        assertThat(payments.collectedUsd()).isEqualByComparingTo("10000");
        assertThatScrape(test)
                .hasSample("payments_collected_amount_usd_total", 10000)
                .hasSample("payments_collected_total", 100000);
    }

    @Test
    void centsAndDecimalsAddUpExactly() {
        payments.collected(new BigDecimal("0.1"));
        payments.collected(new BigDecimal("0.2"));
        payments.collectedCents(1);
        for (int i = 0; i < 1_000_000; i++) {
            payments.collectedCents(10);
        }

        assertThat(payments.collectedUsd()).isEqualByComparingTo("100000.31");
        assertThatScrape(test).hasSample("payments_collected_amount_usd_total", 100000.31);
    }

    @Test
    void subMicroDollarAmountsRoundHalfEven() {
        payments.collected(new BigDecimal("0.0000005")); // half a micro-dollar: rounds to even (0)
        payments.collected(new BigDecimal("0.0000015")); // rounds to 2 micro-dollars
        payments.collected(new BigDecimal("1E+2")); // 100, negative scale

        assertThat(payments.collectedUsd()).isEqualByComparingTo("100.000002");
    }

    @Test
    void badAmountsAreLeftOutButThePaymentIsCounted() {
        payments.collected(new BigDecimal("-5.00"));
        payments.collected(null);
        payments.collected(new BigDecimal("12500000.00")); // cents passed as dollars
        payments.collected(new BigDecimal("1E+400"));
        payments.collectedCents(-1);
        payments.collectedCents(Long.MAX_VALUE);
        payments.collected(new BigDecimal("19.99"));

        assertThatScrape(test)
                .hasSample("payments_collected_total", 7)
                .hasSample("payments_collected_amount_usd_total", 19.99)
                .hasInstrumentationErrors("payments_collected_amount_usd_total", "negative_value", 2)
                .hasInstrumentationErrors("payments_collected_amount_usd_total", "null_value", 1)
                .hasInstrumentationErrors("payments_collected_amount_usd_total", "value_too_large", 3);
    }

    @Test
    void theLargestPlausiblePaymentIsRecorded() {
        payments.collected(BigDecimal.valueOf(PaymentMetrics.MAX_PAYMENT_USD));
        payments.collectedCents(PaymentMetrics.MAX_PAYMENT_USD * 100);

        assertThat(payments.collectedUsd()).isEqualByComparingTo("20000000");
        assertThatScrape(test).hasNoInstrumentationErrors();
    }

    @Test
    void anAmountWithAHugeScaleIsRejectedAtOnceAndCounted() {
        payments.collected(new BigDecimal("10.00"));
        long started = System.nanoTime();
        payments.collected(new BigDecimal("1E-100000000"));
        payments.collected(new BigDecimal("1E+100000000"));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(tookMillis).as("liveness: both calls answer within a second").isLessThan(1_000);
        assertThat(payments.collectedUsd()).isEqualByComparingTo("10");
        assertThatScrape(test)
                .hasSample("payments_collected_total", 3)
                .hasSample("payments_collected_amount_usd_total", 10)
                .hasInstrumentationErrors("payments_collected_amount_usd_total", "value_too_large", 2);
    }

    @Test
    void theAmountTotalSaturatesInsteadOfWrapping() {
        long maxCents = PaymentMetrics.MAX_PAYMENT_USD * 100;
        for (int i = 0; i < 1_000_000; i++) { // 10 trillion dollars: past Long.MAX_VALUE micro-dollars
            payments.collectedCents(maxCents);
        }
        BigDecimal ceiling = BigDecimal.valueOf(Long.MAX_VALUE, 6);
        assertThat(payments.collectedUsd()).isEqualByComparingTo(ceiling);
        payments.collected(new BigDecimal("1.00"));
        assertThat(payments.collectedUsd()).isEqualByComparingTo(ceiling);
        assertThat(assertThatScrape(test).samples())
                .filteredOn(s -> s.name().equals("payments_collected_amount_usd_total"))
                .singleElement()
                .satisfies(s -> assertThat(s.value()).isEqualTo(ceiling.doubleValue()));
    }
}
