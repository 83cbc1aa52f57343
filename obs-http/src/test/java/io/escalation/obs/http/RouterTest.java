package io.escalation.obs.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalation.obs.core.label.LabelPolicy;
import io.escalation.obs.test.TestObservability;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RouterTest {

    private final TestObservability test = TestObservability.create();
    private final HttpMetrics http = HttpMetrics.create(test.obs());
    private final Router router = http.router(
            "/api/v1/campaigns",
            "/api/v1/campaigns/{id}",
            "/api/v1/campaigns/{id}/tasks/{taskId}",
            "/api/v1/campaigns/active",
            "/static/**",
            "/");

    @AfterEach
    void close() {
        test.close();
    }

    @Test
    void matchesTemplatesLiteralsFirst() {
        assertThat(router.match("/api/v1/campaigns").endpoint()).isEqualTo("/api/v1/campaigns");
        assertThat(router.match("/api/v1/campaigns/").endpoint()).isEqualTo("/api/v1/campaigns");
        assertThat(router.match("/api/v1/campaigns/8812").endpoint()).isEqualTo("/api/v1/campaigns/{id}");
        assertThat(router.match("/api/v1/campaigns/active").endpoint()).isEqualTo("/api/v1/campaigns/active");
        assertThat(router.match("/api/v1/campaigns/8812/tasks/77").endpoint())
                .isEqualTo("/api/v1/campaigns/{id}/tasks/{taskId}");
        assertThat(router.match("/static").endpoint()).isEqualTo("/static/**");
        assertThat(router.match("/static/css/site.css").endpoint()).isEqualTo("/static/**");
        assertThat(router.match("/").endpoint()).isEqualTo("/");
        assertThat(router.templates()).startsWith("/api/v1/campaigns", "/api/v1/campaigns/active", "/");
    }

    @Test
    void unmatchedPathsGetTheUnmatchedRoute() {
        for (String path : new String[] {
            "/api/v1/campaigns/8812/tasks",
            "/api/v1/campaign",
            "/api/v1/campaigns//x",
            "/wp-admin",
            "",
            "relative/path",
            "/staticx",
            "/api/v1/campaigns/8812/tasks/"
        }) {
            assertThat(router.match(path).isUnmatched()).as(path).isTrue();
        }
        assertThat(router.match(null).endpoint()).isEqualTo(HttpMetrics.UNKNOWN);
        assertThat(router.match("/" + "x/".repeat(5 * 1024 * 1024)).isUnmatched())
                .isTrue();
    }

    @Test
    void badTemplatesFailAtStartUpSayingWhatIsWrong() {
        assertThatThrownBy(() -> http.router("api/v1")).hasMessageContaining("must start with '/'");
        assertThatThrownBy(() -> http.router("/api/v1/campaigns/123"))
                .hasMessageContaining("identifier segment")
                .hasMessageContaining("{id}");
        assertThatThrownBy(() -> http.router("/api/v1/campaigns?all=true")).hasMessageContaining("query string");
        assertThatThrownBy(() -> http.router("/a", "/a")).hasMessageContaining("given twice");
        assertThatThrownBy(() -> http.router("/a/")).hasMessageContaining("drop the trailing '/'");
        assertThatThrownBy(() -> http.router("/a/**/b")).hasMessageContaining("'**' before its end");
        assertThatThrownBy(() -> http.router("/a/x{id}")).hasMessageContaining("a variable is a whole segment");
        assertThatThrownBy(() -> http.router("/a b")).hasMessageContaining("cannot appear in a raw path");
        assertThatThrownBy(() -> http.router("/a\r\n")).hasMessageContaining("cannot appear in a raw path");
    }

    @Test
    void moreTemplatesThanTheLabelCapFailAtStartUp() {
        try (TestObservability small = TestObservability.create(
                b -> b.labelPolicy(LabelPolicy.builder().maxValuesPerLabel(2).build()))) {
            HttpMetrics capped = HttpMetrics.create(small.obs());
            assertThatThrownBy(() -> capped.router("/a", "/b", "/c"))
                    .hasMessageContaining("raise LabelPolicy.maxValuesPerLabel");
        }
    }
}
