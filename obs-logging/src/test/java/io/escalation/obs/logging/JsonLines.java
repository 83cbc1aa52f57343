package io.escalation.obs.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A real logback context writing ObsJsonEncoder lines into memory, and the parsed lines. */
final class JsonLines implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final LoggerContext context = new LoggerContext();
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final ObsJsonEncoder encoder = new ObsJsonEncoder();
    final OutputStreamAppender<ILoggingEvent> out = new OutputStreamAppender<>();

    JsonLines() {
        context.setName("test");
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter()); // the adapter org.slf4j.MDC writes to
        context.start();
        encoder.setContext(context);
        encoder.setService("configured-service");
        encoder.setEnvironment("configured-env");
    }

    /** Starts the encoder and an appender on the root logger writing to {@link #bytes}. */
    JsonLines start() {
        encoder.start();
        out.setContext(context);
        out.setName("MEMORY");
        out.setEncoder(encoder);
        out.setOutputStream(bytes);
        out.start();
        root().addAppender(out);
        root().setLevel(Level.DEBUG);
        assertNoErrors();
        return this;
    }

    /** Fails on any logback error status (a component that did not start, an encoder that failed). */
    void assertNoErrors() {
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .filteredOn(status -> status.getEffectiveLevel() >= ch.qos.logback.core.status.Status.WARN)
                .as("logback warnings and errors")
                .isEmpty();
    }

    /** Attaches {@code appender} to the root logger instead of the memory appender. */
    void routeThrough(Appender<ILoggingEvent> appender) {
        root().detachAppender(out);
        root().addAppender(appender);
    }

    Logger root() {
        return context.getLogger(Logger.ROOT_LOGGER_NAME);
    }

    Logger logger(String name) {
        return context.getLogger(name);
    }

    String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    List<JsonNode> lines() {
        String text = text();
        assertThat(text).endsWith("\n");
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            try {
                nodes.add(JSON.readTree(line));
            } catch (IOException e) {
                throw new UncheckedIOException("not one JSON object: " + line, e);
            }
        }
        return nodes;
    }

    JsonNode single() {
        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(1);
        return lines.get(0);
    }

    @Override
    public void close() {
        context.stop();
    }
}
