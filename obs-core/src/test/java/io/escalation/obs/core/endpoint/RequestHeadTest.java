package io.escalation.obs.core.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestHeadTest {

    @Test
    void parsesTheRequestLineAndTheHeadersTheEndpointUses() throws Exception {
        RequestHead head = parse("GET /metrics?x=1 HTTP/1.1\r\nHost: a\r\nAccept: text/plain\r\n"
                + "accept: application/openmetrics-text\r\nAccept-Encoding:gzip\r\n\r\n");

        assertThat(head.method).isEqualTo("GET");
        assertThat(head.path).isEqualTo("/metrics");
        assertThat(head.accept).containsExactly("text/plain", "application/openmetrics-text");
        assertThat(head.acceptEncoding).containsExactly("gzip");
        assertThat(head.keepAlive).isTrue();
    }

    @Test
    void acceptsBareLineFeedsAndTheAbsoluteForm() throws Exception {
        assertThat(parse("GET http://host:9090/health HTTP/1.1\nHost: host\n\n").path)
                .isEqualTo("/health");
        assertThat(parse("GET http://host:9090 HTTP/1.1\n\n").path).isEqualTo("/");
    }

    @Test
    void closesAfterHttp10AConnectionCloseOrABody() throws Exception {
        assertThat(parse("GET / HTTP/1.0\r\n\r\n").keepAlive).isFalse();
        assertThat(parse("GET / HTTP/1.1\r\nConnection: keep-alive, Close\r\n\r\n").keepAlive)
                .isFalse();
        assertThat(parse("POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\n").keepAlive)
                .isFalse();
        assertThat(parse("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n").keepAlive)
                .isFalse();
        assertThat(parse("GET / HTTP/1.1\r\nContent-Length: 0\r\n\r\n").keepAlive)
                .isTrue();
    }

    @Test
    void rejectsWhatLeniencyWouldLetThrough() {
        for (String bad : List.of(
                "GET  /metrics HTTP/1.1\r\n\r\n",
                "GET /metrics HTTP/1.1 \r\n\r\n",
                "GET /metrics\r\n\r\n",
                "G(T /metrics HTTP/1.1\r\n\r\n",
                "GET /metrics HTTP/1.1\r\nHost : a\r\n\r\n",
                "GET /metrics HTTP/1.1\r\nX-A: b\r\n folded\r\n\r\n",
                "GET /metrics HTTP/1.1\r\nX-A: b\u0000c\r\n\r\n",
                "GET /metrics HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
                "GET /a\"b HTTP/1.1\r\n\r\n")) {
            RequestHead.Rejected rejected = catchThrowableOfType(RequestHead.Rejected.class, () -> parse(bad));
            assertThat(rejected).as(bad).isNotNull();
            assertThat(rejected.status).as(bad).isEqualTo(400);
        }
        assertThat(catchThrowableOfType(RequestHead.Rejected.class, () -> parse("GET / HTTP/3\r\n\r\n")).status)
                .isEqualTo(505);
    }

    @Test
    void findsTheEndOfTheHead() {
        byte[] bytes = "GET / HTTP/1.1\r\nA: b\r\n\r\nnext".getBytes(StandardCharsets.US_ASCII);
        assertThat(RequestHead.headEnd(bytes, 0, bytes.length)).isEqualTo(bytes.length - 4);
        assertThat(RequestHead.headEnd(bytes, 0, bytes.length - 6)).isEqualTo(-1);
    }

    private static RequestHead parse(String head) throws RequestHead.Rejected {
        byte[] bytes = head.getBytes(StandardCharsets.ISO_8859_1);
        return RequestHead.parse(bytes, 0, RequestHead.headEnd(bytes, 0, bytes.length));
    }
}
