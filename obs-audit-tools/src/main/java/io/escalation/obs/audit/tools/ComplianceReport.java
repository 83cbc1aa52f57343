package io.escalation.obs.audit.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The TCPA compliance report of a period, built from the {@code audit-tcpa} stream of a verified
 * trail: contact decisions by channel, decision and reason; opt-outs received by channel; and every
 * contact allowed on a channel at or after the deadline of an opt-out that consumer sent on it.
 * Dates are UTC days of each record's {@code timestamp} (the decision's own instant).
 */
final class ComplianceReport {

    private static final String STREAM = "audit-tcpa";

    private final Map<String, Long> decisions = new TreeMap<>();
    private final Map<String, Long> optOuts = new TreeMap<>();
    /** Opt-outs by consumer hash and channel: the earliest deadline. */
    private final Map<String, OptOut> deadlines = new HashMap<>();
    private final List<String[]> allowedContacts = new ArrayList<>();
    private final List<String> late = new ArrayList<>();
    private long unreadable;

    /** One opt-out: when it was received and the first instant by which it must have been honoured. */
    private record OptOut(Instant received, Instant deadline) {
    }

    /**
     * Reads the {@code audit-tcpa} files of {@code dir}, keeping records whose {@code timestamp} falls
     * on a UTC day from {@code from} to {@code to} (null: open). Opt-outs before {@code from} still
     * count for the contacts after them.
     */
    static ComplianceReport read(Path dir, @Nullable LocalDate from, @Nullable LocalDate to) throws IOException {
        ComplianceReport report = new ComplianceReport();
        List<Path> files = TrailVerifier.streams(dir).getOrDefault(STREAM, List.of());
        for (Path file : files) {
            try (InputStream in = TrailVerifier.open(file);
                    BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    report.record(line, from, to);
                }
            }
        }
        report.findLateContacts(from, to);
        return report;
    }

    private void record(String line, @Nullable LocalDate from, @Nullable LocalDate to) {
        if (line.isBlank() || line.startsWith("{\"audit_chain\":")) {
            return;
        }
        Map<String, String> fields = FlatJson.parse(line);
        String event = fields == null ? null : fields.get("event");
        if (fields == null || event == null) {
            unreadable++;
            return;
        }
        Instant at;
        try {
            at = Instant.parse(fields.getOrDefault("timestamp", ""));
        } catch (DateTimeParseException e) {
            unreadable++;
            return;
        }
        String channel = fields.getOrDefault("channel", "unknown");
        String consumer = fields.getOrDefault("consumer_id_hash", "unknown");
        if (event.equals("tcpa_opt_out")) {
            Instant deadline;
            try {
                deadline = Instant.parse(fields.getOrDefault("deadline", ""));
            } catch (DateTimeParseException e) {
                deadline = at;   // no deadline recorded: honour at once
            }
            deadlines.merge(consumer + " " + channel, new OptOut(at, deadline),
                    (a, b) -> a.deadline().isBefore(b.deadline()) ? a : b);
            if (within(at, from, to)) {
                optOuts.merge(channel, 1L, Long::sum);
            }
        } else if (event.equals("tcpa_check") && within(at, from, to)) {
            String decision = fields.getOrDefault("decision", "unknown");
            decisions.merge(channel + " | " + decision + " | " + fields.getOrDefault("reason", "unknown"), 1L, Long::sum);
            if (decision.equals("allowed")) {
                allowedContacts.add(new String[] {consumer, channel, at.toString()});
            }
        }
    }

    private void findLateContacts(@Nullable LocalDate from, @Nullable LocalDate to) {
        for (String[] contact : allowedContacts) {
            OptOut optOut = deadlines.get(contact[0] + " " + contact[1]);
            Instant at = Instant.parse(contact[2]);
            if (optOut != null && !at.isBefore(optOut.deadline()) && within(at, from, to)) {
                late.add("| " + contact[0] + " | " + contact[1] + " | " + optOut.received() + " | " + optOut.deadline()
                        + " | " + at + " |");
            }
        }
    }

    /** Contacts allowed at or after an opt-out's deadline: each one a possible violation. */
    int lateContacts() {
        return late.size();
    }

    private static boolean within(Instant at, @Nullable LocalDate from, @Nullable LocalDate to) {
        LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
        return (from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to));
    }

    /** The report as Markdown, headed by what the verification of the trail found. */
    String markdown(@Nullable LocalDate from, @Nullable LocalDate to, TrailVerifier.Result verified) {
        StringBuilder out = new StringBuilder("# TCPA compliance report\n\n");
        out.append("Period: ").append(from == null ? "start of the trail" : from).append(" to ")
                .append(to == null ? "end of the trail" : to).append(" (UTC days of each decision's timestamp)\n\n");
        if (verified.findings().isEmpty()) {
            out.append("Trail: verified, ").append(verified.records()).append(" records in ").append(verified.files())
                    .append(" files, no problem.\n\n");
        } else {
            out.append("Trail: NOT verified, ").append(verified.findings().size()).append(" problem(s) (run verify for"
                    + " the list): the figures below may be incomplete or altered.\n\n");
        }
        if (unreadable > 0) {
            out.append("Records not read (not a flat JSON object or no timestamp): ").append(unreadable).append("\n\n");
        }
        out.append("## Contact decisions\n\n| channel | decision | reason | count |\n|---|---|---|---|\n");
        decisions.forEach((key, count) -> out.append("| ").append(key).append(" | ").append(count).append(" |\n"));
        out.append("\n## Opt-outs received\n\n| channel | count |\n|---|---|\n");
        optOuts.forEach((channel, count) -> out.append("| ").append(channel).append(" | ").append(count).append(" |\n"));
        out.append("\n## Contacts allowed at or after an opt-out's deadline\n\n");
        if (late.isEmpty()) {
            out.append("None.\n");
        } else {
            out.append("| consumer_id_hash | channel | opt-out received | deadline | contact allowed at |\n"
                    + "|---|---|---|---|---|\n");
            late.forEach(line -> out.append(line).append('\n'));
        }
        return out.toString();
    }

    /** A parser of flat JSON objects (string, number, boolean and null values), enough for audit lines. */
    static final class FlatJson {

        private FlatJson() {
        }

        /** The object's fields as text, or null when {@code line} is not a flat JSON object. */
        static @Nullable Map<String, String> parse(String line) {
            Map<String, String> fields = new HashMap<>();
            int[] at = {skip(line, 0)};
            if (at[0] >= line.length() || line.charAt(at[0]) != '{') {
                return null;
            }
            at[0] = skip(line, at[0] + 1);
            if (at[0] < line.length() && line.charAt(at[0]) == '}') {
                return fields;
            }
            while (true) {
                String key = string(line, at);
                if (key == null) {
                    return null;
                }
                at[0] = skip(line, at[0]);
                if (at[0] >= line.length() || line.charAt(at[0]) != ':') {
                    return null;
                }
                at[0] = skip(line, at[0] + 1);
                String value;
                if (at[0] < line.length() && line.charAt(at[0]) == '"') {
                    value = string(line, at);
                } else {
                    int start = at[0];
                    while (at[0] < line.length() && ",} \t".indexOf(line.charAt(at[0])) < 0) {
                        at[0]++;
                    }
                    value = line.substring(start, at[0]);
                    if (value.isEmpty() || value.startsWith("{") || value.startsWith("[")) {
                        return null;
                    }
                }
                if (value == null) {
                    return null;
                }
                fields.putIfAbsent(key, value);
                at[0] = skip(line, at[0]);
                if (at[0] >= line.length()) {
                    return null;
                }
                char c = line.charAt(at[0]++);
                if (c == '}') {
                    return fields;
                }
                if (c != ',') {
                    return null;
                }
                at[0] = skip(line, at[0]);
            }
        }

        private static int skip(String line, int at) {
            while (at < line.length() && (line.charAt(at) == ' ' || line.charAt(at) == '\t')) {
                at++;
            }
            return at;
        }

        private static @Nullable String string(String line, int[] at) {
            if (at[0] >= line.length() || line.charAt(at[0]) != '"') {
                return null;
            }
            StringBuilder text = new StringBuilder();
            int i = at[0] + 1;
            while (i < line.length()) {
                char c = line.charAt(i++);
                if (c == '"') {
                    at[0] = i;
                    return text.toString();
                }
                if (c != '\\') {
                    text.append(c);
                    continue;
                }
                if (i >= line.length()) {
                    return null;
                }
                char e = line.charAt(i++);
                switch (e) {
                    case 'n' -> text.append('\n');
                    case 't' -> text.append('\t');
                    case 'r' -> text.append('\r');
                    case 'b' -> text.append('\b');
                    case 'f' -> text.append('\f');
                    case 'u' -> {
                        if (i + 4 > line.length()) {
                            return null;
                        }
                        try {
                            text.append((char) Integer.parseInt(line.substring(i, i + 4), 16));
                        } catch (NumberFormatException bad) {
                            return null;
                        }
                        i += 4;
                    }
                    default -> text.append(e);
                }
            }
            return null;
        }
    }
}
