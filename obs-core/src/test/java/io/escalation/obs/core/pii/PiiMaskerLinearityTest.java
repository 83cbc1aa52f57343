package io.escalation.obs.core.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A guard against super-linear blow-ups: adversarial soups that provoke backtracking and re-scans are
 * masked at 16 KiB and at eight times that, 128 KiB, and the larger must cost about eight times the
 * smaller, not the 64 times of a quadratic scan. The two are compared in the same test, as a ratio of
 * the thread's CPU time, so no absolute time limit depends on the machine; it is not a benchmark. Both
 * sizes stay small enough for the caches: past them a text and its masked copy cost more per char
 * (fresh memory, cache misses) for reasons that have nothing to do with the scan.
 */
class PiiMaskerLinearityTest {

    private static final int SMALL = 1 << 14;
    private static final int LARGE = 8 * SMALL;

    /**
     * The limit of the large input's cost over the small one's: a linear scan gives about 8 (up to 17 seen on
     * a loaded machine), a quadratic one 64 (about 60 measured with a backward search per candidate added to
     * the scan).
     */
    private static final double MAX_RATIO = 32;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @BeforeAll
    static void warmUp() {
        String sample = "mail jane@example.com card 4111 1111 1111 1111 ip 10.0.0.1 password=x 1-2 3.4@5+6:"
                + " ssn=123456789 Cookie: a=b; c=d jane%2540example.com \uFF14\uFF11\uFF15 \u0664\u0661\u0665";
        for (int k = 0; k < 2_000; k++) {
            PiiMasker.defaults().mask(sample + k);
        }
    }

    /** An adversarial text of any length {@code n}, named for the test report. */
    record Soup(String name, IntFunction<String> ofLength) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Soup> soups() {
        return Stream.of(
                repeated("1-2 3.4@5+6:"),
                repeated("1"),
                repeated("1 "),
                repeated("a@"),
                repeated("a."),
                repeated("a.b@c"),
                repeated("@a.b"),
                repeated("password="),
                repeated("password=\""),
                repeated("\"password\":\"x"),
                repeated("Authorization: "),
                repeated("::"),
                repeated("1:"),
                repeated("f:"),
                repeated("1."),
                repeated("255.255.255."),
                repeated("4111 "),
                repeated("4111-"),
                repeated("+1 "),
                repeated("(415) "),
                repeated("123-45-"),
                repeated("GB82 "),
                repeated("GB82WEST"),
                repeated("a://b:c"),
                repeated("a://b:c@"),
                repeated("sk-"),
                repeated("eyJhbGciOiJ."),
                repeated("Bearer "),
                repeated("[SECRET"),
                repeated("+14155552671"),
                repeated("(415) 555-2671"),
                repeated("415-555-2671x1"),
                repeated("a@b.co+1 415 555 2671"),
                repeated("version 1.2.3.4"),
                repeated("14155552671 "),
                repeated("ssn="),
                repeated("ssn=123456789"),
                repeated("Cookie: a=b; "),
                repeated("Cookie: "),
                repeated("%25"),
                repeated("%40a"),
                repeated("%2B1"),
                repeated("%E2%82"),
                repeated("\uFF14\uFF11 "),
                repeated("\u0664-"),
                repeated("a".repeat(200) + "@"),
                new Soup("one local part and @example.com", n -> "a".repeat(n - 12) + "@example.com"),
                new Soup("one local part and @example.com%40", n -> "a".repeat(n - 15) + "@example.com%40"),
                new Soup("%2540 repeated", n -> "%2540".repeat(n / 5)),
                new Soup("x@ and a. repeated", n -> "x@" + "a.".repeat(n / 2 - 1)),
                random(1, "0123456789 .-:@+=(/\"'aA_[]eyJsk"),
                random(2, "0123456789 .-"),
                random(3, "0123456789abcdef:."),
                random(4, "0123456789%24BE@.-=;: \uFF14\u0661ssnCookie"));
    }

    @ParameterizedTest
    @MethodSource("soups")
    void costsEightTimesAsMuchForEightTimesTheText(Soup soup) {
        String small = soup.ofLength().apply(SMALL);
        String large = soup.ofLength().apply(LARGE);
        // The cheapest of three to six rounds counts on each side: the first rounds may still run code
        // the JIT has not compiled yet, and on a machine busy with other builds a round can lose its caches
        // or wait for a collection, while a quadratic scan is slow every time.
        long smallNanos = Long.MAX_VALUE;
        long largeNanos = Long.MAX_VALUE;
        for (int round = 0; round < 6 && (round < 3 || largeNanos > MAX_RATIO * smallNanos); round++) {
            smallNanos = Math.min(smallNanos, cpuNanos(small));
            largeNanos = Math.min(largeNanos, cpuNanos(large));
        }
        assertThat((double) largeNanos / smallNanos)
                .as("CPU time of masking 128 KiB over 16 KiB of %s", soup)
                .isLessThan(MAX_RATIO);
    }

    /** The thread's CPU time of masking {@code text}, the cheapest of three runs. */
    private static long cpuNanos(String text) {
        long best = Long.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            long start = THREADS.getCurrentThreadCpuTime();
            String masked = PiiMasker.defaults().mask(text);
            best = Math.min(best, THREADS.getCurrentThreadCpuTime() - start);
            assertThat(masked).isNotNull();
        }
        return Math.max(best, 1);
    }

    private static Soup repeated(String unit) {
        return new Soup(unit, n -> unit.repeat(n / unit.length() + 1).substring(0, n));
    }

    private static Soup random(long seed, String alphabet) {
        return new Soup("random chars of " + alphabet, n -> {
            Random random = new Random(seed);
            char[] chars = new char[n];
            for (int k = 0; k < n; k++) {
                chars[k] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            return new String(chars);
        });
    }
}
