package io.escalation.obs.audit.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The compliance report of a period, built from a verified trail: from the {@code audit-tcpa}
 * stream, contact decisions by channel, decision and reason; allowed contacts by channel and the
 * consumer's local hour, with every one outside the calling window (8 a.m. to 9 p.m.); blocked
 * attempts by reason and the rule cited; Regulation F call-frequency refusals; opt-outs with the
 * time taken to honour each against its deadline, and every contact allowed at or after an opt-out's
 * deadline; from the {@code audit-security} stream, security events by kind, lockouts, brute-force
 * activity and denied permissions. Consumers, users and clients appear only as the trail's keyed
 * hashes. Dates are UTC days of each record's {@code timestamp} (the decision's own instant).
 * Rendered as Markdown ({@link #markdown}), CSV files ({@link #csv}) and one self-contained HTML page
 * ({@link #html}), all from the same {@link Table}s.
 */
final class ComplianceReport {

    private static final String TCPA = "audit-tcpa";
    private static final String SECURITY = "audit-security";
    /** The calling window in the consumer's local time: from 8:00 (inclusive) to 21:00 (exclusive). */
    static final int WINDOW_START_HOUR = 8;

    static final int WINDOW_END_HOUR = 21;
    /** Regulation F's call-frequency presumption: more than 7 calls within 7 consecutive days. */
    static final int CALLS_IN_7_DAYS = 7;

    /** One table of the report: {@code name} names its CSV file; {@code empty} is said when it has no row. */
    record Table(
            String name, String title, String intro, List<String> headers, List<List<String>> rows, String empty) {}

    private final @Nullable LocalDate from;
    private final @Nullable LocalDate to;
    private final Map<String, Long> decisions = new TreeMap<>();
    private final Map<String, long[]> contactsByHour = new TreeMap<>();
    private final List<List<String>> outsideWindow = new ArrayList<>();
    private final Map<String, Long> blocked = new TreeMap<>();
    private final Map<String, Long> frequencyLimit = new TreeMap<>();
    private final List<OptOut> optOuts = new ArrayList<>();
    /** Opt-outs by consumer hash and channel: the one with the earliest deadline. */
    private final Map<String, OptOut> deadlines = new HashMap<>();
    /** Allowed contacts by consumer hash and channel, whatever their day. */
    private final Map<String, List<Instant>> contacts = new HashMap<>();

    private final List<List<String>> late = new ArrayList<>();
    private final List<List<String>> callsIn7Days = new ArrayList<>();
    private final Map<String, Long> securityEvents = new TreeMap<>();
    private final List<List<String>> lockouts = new ArrayList<>();
    private final List<List<String>> bruteForce = new ArrayList<>();
    private final Map<String, Long> denied = new TreeMap<>();
    private long allowedCount;
    private long blockedCount;
    private long unreadable;

    /** One opt-out: who, on which channel, when it was received and the first instant it is overdue. */
    private record OptOut(String consumer, String channel, Instant received, Instant deadline, boolean inPeriod) {}

    private ComplianceReport(@Nullable LocalDate from, @Nullable LocalDate to) {
        this.from = from;
        this.to = to;
    }

    /**
     * Reads the {@code audit-tcpa} and {@code audit-security} files of {@code dir}, keeping records
     * whose {@code timestamp} falls on a UTC day from {@code from} to {@code to} (null: open).
     * Opt-outs before {@code from}, and contacts outside the period, still count for the deadlines.
     */
    static ComplianceReport read(Path dir, @Nullable LocalDate from, @Nullable LocalDate to) throws IOException {
        ComplianceReport report = new ComplianceReport(from, to);
        Map<String, List<Path>> streams = TrailVerifier.streams(dir);
        for (Path file : streams.getOrDefault(TCPA, List.of())) {
            report.readFile(file, true);
        }
        for (Path file : streams.getOrDefault(SECURITY, List.of())) {
            report.readFile(file, false);
        }
        report.findLateContacts();
        return report;
    }

    private void readFile(Path file, boolean tcpa) throws IOException {
        try (InputStream in = TrailVerifier.open(file);
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank() || line.startsWith("{\"audit_chain\":")) {
                    continue;
                }
                Map<String, String> fields = FlatJson.parse(line);
                String event = fields == null ? null : fields.get("event");
                Instant at = fields == null ? null : instant(fields.get("timestamp"));
                if (fields == null || event == null || at == null) {
                    unreadable++;
                } else if (tcpa) {
                    tcpa(event, at, fields);
                } else if (within(at)) {
                    security(event, at, fields);
                }
            }
        }
    }

    private void tcpa(String event, Instant at, Map<String, String> fields) {
        String channel = fields.getOrDefault("channel", "unknown");
        String consumer = fields.getOrDefault("consumer_id_hash", "unknown");
        if (event.equals("tcpa_opt_out")) {
            Instant deadline = instant(fields.get("deadline"));
            OptOut optOut = new OptOut(consumer, channel, at, deadline == null ? at : deadline, within(at));
            deadlines.merge(
                    consumer + " " + channel, optOut, (a, b) -> a.deadline().isBefore(b.deadline()) ? a : b);
            if (optOut.inPeriod()) {
                optOuts.add(optOut);
            }
            return;
        }
        if (!event.equals("tcpa_check")) {
            return;
        }
        String decision = fields.getOrDefault("decision", "unknown");
        boolean allowed = decision.equals("allowed");
        if (allowed) {
            contacts.computeIfAbsent(consumer + " " + channel, k -> new ArrayList<>())
                    .add(at);
        }
        if (!within(at)) {
            return;
        }
        String reason = fields.getOrDefault("reason", "unknown");
        decisions.merge(channel + "\t" + decision + "\t" + reason, 1L, Long::sum);
        if (allowed) {
            allowedCount++;
            String local = fields.getOrDefault("consumer_local_time", "unknown");
            int hour = localHour(local);
            long[] hours = contactsByHour.computeIfAbsent(channel, k -> new long[25]);
            hours[hour < 0 ? 24 : hour]++;
            if (hour < WINDOW_START_HOUR || hour >= WINDOW_END_HOUR) {
                outsideWindow.add(List.of(
                        at.toString(), channel, local, fields.getOrDefault("consumer_time_zone", "unknown"), consumer));
            }
        } else {
            blockedCount++;
            blocked.merge(reason + "\t" + fields.getOrDefault("rule", "unknown"), 1L, Long::sum);
            if (reason.equals("frequency_limit")) {
                frequencyLimit.merge(channel, 1L, Long::sum);
            }
        }
    }

    private void security(String event, Instant at, Map<String, String> fields) {
        String detail = switch (event) {
            case "authz_permission_denied" -> fields.getOrDefault("resource", "unknown");
            case "rate_limit_violation", "rate_limit_block" -> fields.getOrDefault("endpoint", "unknown");
            case "security_suspicious_activity" -> fields.getOrDefault("type", "unknown");
            case "security_request_blocked" -> fields.getOrDefault("reason", "unknown");
            default -> "";
        };
        securityEvents.merge(event + "\t" + detail, 1L, Long::sum);
        String user = fields.getOrDefault("user_id_hash", "unknown");
        String ip = fields.getOrDefault("client_ip_hash", "unknown");
        if (event.equals("auth_account_locked")) {
            lockouts.add(List.of(at.toString(), user, ip));
        } else if (event.equals("security_suspicious_activity") && detail.equals("brute_force")) {
            bruteForce.add(List.of(at.toString(), user, ip));
        } else if (event.equals("authz_permission_denied")) {
            denied.merge(detail + "\t" + user, 1L, Long::sum);
        }
    }

    private void findLateContacts() {
        contacts.forEach((key, times) -> {
            OptOut optOut = deadlines.get(key);
            if (optOut == null) {
                return;
            }
            for (Instant at : times) {
                if (!at.isBefore(optOut.deadline()) && within(at)) {
                    late.add(List.of(
                            optOut.consumer(),
                            optOut.channel(),
                            optOut.received().toString(),
                            optOut.deadline().toString(),
                            at.toString()));
                }
            }
        });
        late.sort((a, b) -> a.get(4).compareTo(b.get(4)));
        contacts.forEach((key, times) -> {
            if (key.endsWith(" phone")) {
                callsIn7Days(key.substring(0, key.length() - " phone".length()), times);
            }
        });
        callsIn7Days.sort((a, b) -> a.get(1).compareTo(b.get(1)));
    }

    /**
     * Lists a consumer whose allowed calls reached {@value #CALLS_IN_7_DAYS} within 7 consecutive days
     * (Regulation F's presumption, 12 CFR 1006.14(b)(2)(i)), when the call that reached it is in the
     * period: reached at exactly 7, exceeded above.
     */
    private void callsIn7Days(String consumer, List<Instant> times) {
        List<Instant> sorted = new ArrayList<>(times);
        sorted.sort(null);
        Instant reached = null;
        int most = 0;
        for (int first = 0, last = 0; last < sorted.size(); last++) {
            while (!sorted.get(first).plus(Duration.ofDays(7)).isAfter(sorted.get(last))) {
                first++;
            }
            int calls = last - first + 1;
            if (calls >= CALLS_IN_7_DAYS && reached == null && within(sorted.get(last))) {
                reached = sorted.get(last);
            }
            if (reached != null) {
                most = Math.max(most, calls);
            }
        }
        if (reached != null) {
            callsIn7Days.add(List.of(
                    consumer,
                    reached.toString(),
                    Integer.toString(most),
                    most > CALLS_IN_7_DAYS ? "EXCEEDED" : "reached"));
        }
    }

    /** Contacts allowed at or after an opt-out's deadline: each one a possible violation. */
    int lateContacts() {
        return late.size();
    }

    /** Contacts allowed outside 8 a.m. to 9 p.m. of the consumer's local time (or at an unknown local time). */
    int contactsOutsideWindow() {
        return outsideWindow.size();
    }

    private boolean within(Instant at) {
        LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
        return (from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to));
    }

    private static @Nullable Instant instant(@Nullable String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The hour of an ISO-8601 local time with offset, or -1 when it is not one. */
    static int localHour(String local) {
        try {
            return OffsetDateTime.parse(local).getHour();
        } catch (DateTimeException e) {
            return -1;
        }
    }

    /** The report's tables, in the order every format shows them. */
    List<Table> tables() {
        List<Table> tables = new ArrayList<>();
        List<List<String>> optOutRows = optOutRows();
        tables.add(new Table(
                "summary",
                "Summary",
                "",
                List.of("figure", "count"),
                List.of(
                        row("contacts allowed", allowedCount),
                        row("attempts blocked", blockedCount),
                        row("contacts allowed outside 8 a.m. to 9 p.m. local time", outsideWindow.size()),
                        row("call-frequency limit refusals (Regulation F 7-in-7)", sum(frequencyLimit)),
                        row("consumers called 7 times within 7 days", callsIn7Days.size()),
                        row(
                                "consumers called more than 7 times within 7 days",
                                callsIn7Days.stream()
                                        .filter(r -> r.get(3).equals("EXCEEDED"))
                                        .count()),
                        row("opt-outs received", optOuts.size()),
                        row(
                                "opt-outs honoured late",
                                optOutRows.stream()
                                        .filter(r -> r.get(7).equals("LATE"))
                                        .count()),
                        row("contacts allowed at or after an opt-out's deadline", late.size()),
                        row("security events", sum(securityEvents)),
                        row("account lockouts", lockouts.size()),
                        row("brute-force detections", bruteForce.size()),
                        row("permissions denied", sum(denied))),
                ""));
        tables.add(new Table(
                "decisions",
                "Contact decisions",
                "Every `tcpa_check` record by channel, decision and" + " reason.",
                List.of("channel", "decision", "reason", "count"),
                counted(decisions),
                "None."));
        tables.add(hours());
        tables.add(new Table(
                "outside-window",
                "Contacts allowed outside the calling window",
                "Allowed contacts whose"
                        + " `consumer_local_time` is before 8 a.m. or from 9 p.m. on (47 CFR 64.1200(c)(1); 12 CFR"
                        + " 1006.6(b)(1)), or unknown.",
                List.of("timestamp", "channel", "consumer_local_time", "consumer_time_zone", "consumer_id_hash"),
                sorted(outsideWindow),
                "None: every contact" + " allowed fell between 8 a.m. and 9 p.m. of the consumer's local time."));
        tables.add(new Table(
                "blocked",
                "Blocked attempts by reason",
                "Every blocked `tcpa_check` by reason and the" + " rule it cites.",
                List.of("reason", "rule", "count"),
                counted(blocked),
                "None."));
        tables.add(new Table(
                "frequency-limit",
                "Call-frequency limit (Regulation F)",
                "Contacts refused because the"
                        + " consumer had reached the limit (reason `frequency_limit`, 12 CFR 1006.14(b)(2): 7 calls within 7"
                        + " days).",
                List.of("channel", "refusals"),
                counted(frequencyLimit),
                "None."));
        tables.add(new Table(
                "calls-in-7-days",
                "Consumers called 7 times within 7 days",
                "Consumers whose allowed"
                        + " phone calls reached 7 within 7 consecutive days (12 CFR 1006.14(b)(2)(i)), counted per consumer"
                        + " (the trail does not name the debt): `reached` at 7, `EXCEEDED` above.",
                List.of("consumer_id_hash", "7th call at", "most calls within 7 days", "status"),
                callsIn7Days,
                "None."));
        tables.add(new Table(
                "opt-outs",
                "Opt-outs and the time taken to honour them",
                "Each opt-out received in the"
                        + " period: honoured from the last contact allowed on its channel after receipt (or from receipt when"
                        + " there was none), against its deadline (FCC 24-24: 10 business days).",
                List.of(
                        "consumer_id_hash",
                        "channel",
                        "received",
                        "deadline",
                        "last contact after receipt",
                        "time taken",
                        "time allowed",
                        "status"),
                optOutRows,
                "None."));
        tables.add(new Table(
                "late-contacts",
                "Contacts allowed at or after an opt-out's deadline",
                "",
                List.of("consumer_id_hash", "channel", "opt-out received", "deadline", "contact allowed at"),
                late,
                "None."));
        tables.add(new Table(
                "security-events",
                "Security events",
                "Every `audit-security` record by event and its" + " resource, endpoint, type or reason.",
                List.of("event", "detail", "count"),
                counted(securityEvents),
                "None."));
        tables.add(new Table(
                "lockouts",
                "Account lockouts",
                "",
                List.of("timestamp", "user_id_hash", "client_ip_hash"),
                sorted(lockouts),
                "None."));
        tables.add(new Table(
                "brute-force",
                "Brute-force detections",
                "",
                List.of("timestamp", "user_id_hash", "client_ip_hash"),
                sorted(bruteForce),
                "None."));
        tables.add(new Table(
                "permission-denied",
                "Permissions denied",
                "",
                List.of("resource", "user_id_hash", "count"),
                counted(denied),
                "None."));
        return tables;
    }

    private Table hours() {
        List<String> headers = new ArrayList<>(List.of("local hour"));
        headers.addAll(contactsByHour.keySet());
        headers.addAll(List.of("total", "in window"));
        List<List<String>> rows = new ArrayList<>();
        boolean unknown = contactsByHour.values().stream().anyMatch(h -> h[24] > 0);
        for (int hour = 0; hour < (unknown ? 25 : 24); hour++) {
            List<String> row = new ArrayList<>();
            row.add(hour == 24 ? "unknown" : String.format("%02d", hour));
            long total = 0;
            for (long[] counts : contactsByHour.values()) {
                row.add(Long.toString(counts[hour]));
                total += counts[hour];
            }
            row.add(Long.toString(total));
            row.add(hour >= WINDOW_START_HOUR && hour < WINDOW_END_HOUR ? "yes" : "no");
            rows.add(row);
        }
        return new Table(
                "contacts-by-hour",
                "Contacts by the consumer's local hour",
                "Allowed contacts by channel and"
                        + " the hour of `consumer_local_time`; the window is 8 a.m. to 9 p.m.",
                headers,
                rows,
                "");
    }

    private List<List<String>> optOutRows() {
        List<List<String>> rows = new ArrayList<>();
        List<OptOut> sorted = new ArrayList<>(optOuts);
        sorted.sort((a, b) -> a.received().compareTo(b.received()));
        for (OptOut optOut : sorted) {
            Instant last = null;
            for (Instant at : contacts.getOrDefault(optOut.consumer() + " " + optOut.channel(), List.of())) {
                if (!at.isBefore(optOut.received()) && (last == null || at.isAfter(last))) {
                    last = at;
                }
            }
            Instant honoured = last == null ? optOut.received() : last;
            rows.add(List.of(
                    optOut.consumer(),
                    optOut.channel(),
                    optOut.received().toString(),
                    optOut.deadline().toString(),
                    last == null ? "none" : last.toString(),
                    duration(Duration.between(optOut.received(), honoured)),
                    duration(Duration.between(optOut.received(), optOut.deadline())),
                    honoured.isBefore(optOut.deadline()) ? "in time" : "LATE"));
        }
        return rows;
    }

    /** {@code d} as days, hours, minutes and seconds, e.g. {@code 14 d 13 h 0 min 0 s}; {@code 0 s} for zero. */
    static String duration(Duration d) {
        if (d.isNegative()) {
            return "-" + duration(d.negated());
        }
        long s = d.getSeconds();
        if (s < 60) {
            return s + " s";
        }
        String text = (s / 60 % 60) + " min " + (s % 60) + " s";
        if (s >= 3600) {
            text = (s / 3600 % 24) + " h " + text;
        }
        return s >= 86_400 ? (s / 86_400) + " d " + text : text;
    }

    private static List<String> row(String figure, long count) {
        return List.of(figure, Long.toString(count));
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static List<List<String>> counted(Map<String, Long> counts) {
        List<List<String>> rows = new ArrayList<>();
        counts.forEach((key, count) -> {
            List<String> row = new ArrayList<>(List.of(key.split("\t", -1)));
            row.add(Long.toString(count));
            rows.add(row);
        });
        return rows;
    }

    private static List<List<String>> sorted(List<List<String>> rows) {
        List<List<String>> copy = new ArrayList<>(rows);
        copy.sort((a, b) -> a.get(0).compareTo(b.get(0)));
        return copy;
    }

    private String period() {
        return (from == null ? "start of the trail" : from.toString()) + " to "
                + (to == null ? "end of the trail" : to.toString());
    }

    /** What the verification found, in one sentence naming the keys it was checked with. */
    private static String trail(TrailVerifier.Result verified) {
        String keys = verified.keyIds().isEmpty() ? "no key" : "key id " + String.join(", ", verified.keyIds());
        if (verified.findings().isEmpty()) {
            return "verified, " + verified.records() + " records in " + verified.files() + " files, no problem; checked"
                    + " with " + keys + ".";
        }
        return "NOT verified, " + verified.findings().size() + " problem(s) (run verify for the list), checked with "
                + keys + ": the figures below may be incomplete or altered.";
    }

    /** The report as Markdown, headed by the period and what the verification of the trail found. */
    String markdown(TrailVerifier.Result verified) {
        StringBuilder out = new StringBuilder("# Compliance report\n\n");
        out.append("Period: ").append(period()).append(" (UTC days of each record's timestamp)\n\n");
        out.append("Trail: ").append(trail(verified)).append("\n\n");
        if (unreadable > 0) {
            out.append("Records not read (not a flat JSON object or no timestamp): ")
                    .append(unreadable)
                    .append("\n\n");
        }
        for (Table table : tables()) {
            out.append("## ").append(table.title()).append("\n\n");
            if (!table.intro().isEmpty()) {
                out.append(table.intro()).append("\n\n");
            }
            if (table.rows().isEmpty()) {
                out.append(table.empty()).append("\n\n");
                continue;
            }
            out.append(mdRow(table.headers()));
            out.append("|").append("---|".repeat(table.headers().size())).append('\n');
            table.rows().forEach(row -> out.append(mdRow(row)));
            out.append('\n');
        }
        return out.toString().stripTrailing() + "\n";
    }

    private static String mdRow(List<String> cells) {
        StringBuilder row = new StringBuilder("|");
        cells.forEach(cell -> row.append(' ')
                .append(cell.replace("|", "\\|").replace("\n", " "))
                .append(" |"));
        return row.append('\n').toString();
    }

    /** One CSV file (RFC 4180, header row first) per table, by file name ({@code decisions.csv}), plus {@code trail.csv}. */
    Map<String, String> csv(TrailVerifier.Result verified) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(
                "trail.csv",
                csvRow(List.of("period_from", "period_to", "verified", "problems", "records", "files", "key_ids"))
                        + csvRow(List.of(
                                from == null ? "" : from.toString(),
                                to == null ? "" : to.toString(),
                                Boolean.toString(verified.findings().isEmpty()),
                                Integer.toString(verified.findings().size()),
                                Long.toString(verified.records()),
                                Integer.toString(verified.files()),
                                String.join(" ", verified.keyIds()))));
        for (Table table : tables()) {
            StringBuilder csv = new StringBuilder(csvRow(table.headers()));
            table.rows().forEach(row -> csv.append(csvRow(row)));
            files.put(table.name() + ".csv", csv.toString());
        }
        return files;
    }

    /**
     * One CSV line: a cell with a comma, quote or line end quoted; a cell a spreadsheet would take for
     * a formula (starting with {@code = + - @}, tab or CR) prefixed with {@code '}.
     */
    static String csvRow(List<String> cells) {
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
                cell = "'" + cell;
            }
            if (i > 0) {
                row.append(',');
            }
            if (cell.matches("(?s).*[,\"\r\n].*") || cell.startsWith(" ")) {
                row.append('"').append(cell.replace("\"", "\"\"")).append('"');
            } else {
                row.append(cell);
            }
        }
        return row.append("\r\n").toString();
    }

    /**
     * The report as one self-contained HTML page: inline CSS and SVG bar charts, no script, font or
     * address outside the page, so that it opens the same in any browser, offline.
     */
    String html(TrailVerifier.Result verified) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<title>Compliance report</title>\n<style>\n"
                + "body{font-family:sans-serif;margin:2em;color:#222;max-width:1100px}\n"
                + "table{border-collapse:collapse;margin:0.5em 0 1.5em}th,td{border:1px solid #bbb;padding:2px 8px;"
                + "text-align:left;font-size:13px}th{background:#eee}td.n{text-align:right}\n"
                + ".ok{color:#175c17}.bad{color:#a01010;font-weight:bold}code{font-size:12px}\n"
                + "svg text{font-family:sans-serif;font-size:12px}\n</style>\n</head>\n<body>\n"
                + "<h1>Compliance report</h1>\n");
        out.append("<p id=\"period\">Period: ")
                .append(esc(period()))
                .append(" (UTC days of each record's timestamp)</p>\n");
        out.append("<p id=\"trail\" class=\"")
                .append(verified.findings().isEmpty() ? "ok" : "bad")
                .append("\">Trail: ")
                .append(esc(trail(verified)))
                .append("</p>\n");
        if (unreadable > 0) {
            out.append("<p class=\"bad\">Records not read (not a flat JSON object or no timestamp): ")
                    .append(unreadable)
                    .append("</p>\n");
        }
        List<String> hours = new ArrayList<>();
        List<Long> hourCounts = new ArrayList<>();
        List<Boolean> outside = new ArrayList<>();
        for (int hour = 0; hour < 24; hour++) {
            long total = 0;
            for (long[] counts : contactsByHour.values()) {
                total += counts[hour];
            }
            hours.add(String.format("%02d:00", hour));
            hourCounts.add(total);
            outside.add(hour < WINDOW_START_HOUR || hour >= WINDOW_END_HOUR);
        }
        out.append("<h2>Charts</h2>\n");
        out.append(chart(
                "chart-hours",
                "Contacts allowed by the consumer's local hour (red: outside 8 a.m. to 9 p.m.)",
                hours,
                hourCounts,
                outside));
        out.append(chart("chart-blocked", "Blocked attempts by reason", keys(blocked, 0), values(blocked), null));
        out.append(chart("chart-security", "Security events", keys(securityEvents, -1), values(securityEvents), null));
        for (Table table : tables()) {
            out.append("<h2 id=\"")
                    .append(table.name())
                    .append("\">")
                    .append(esc(table.title()))
                    .append("</h2>\n");
            if (!table.intro().isEmpty()) {
                out.append("<p>")
                        .append(esc(table.intro()).replaceAll("`([^`]*)`", "<code>$1</code>"))
                        .append("</p>\n");
            }
            if (table.rows().isEmpty()) {
                out.append("<p class=\"empty\">").append(esc(table.empty())).append("</p>\n");
                continue;
            }
            out.append("<table id=\"table-").append(table.name()).append("\">\n<tr>");
            table.headers().forEach(h -> out.append("<th>").append(esc(h)).append("</th>"));
            out.append("</tr>\n");
            for (List<String> row : table.rows()) {
                out.append("<tr>");
                row.forEach(cell -> out.append(cell.matches("\\d+") ? "<td class=\"n\">" : "<td>")
                        .append(esc(cell))
                        .append("</td>"));
                out.append("</tr>\n");
            }
            out.append("</table>\n");
        }
        return out.append("</body>\n</html>\n").toString();
    }

    private static List<String> keys(Map<String, Long> counts, int part) {
        List<String> keys = new ArrayList<>();
        counts.keySet().forEach(key -> {
            String[] parts = key.split("\t", -1);
            keys.add(part >= 0 ? parts[part] : String.join(" ", parts).strip());
        });
        return keys;
    }

    private static List<Long> values(Map<String, Long> counts) {
        return new ArrayList<>(counts.values());
    }

    /** A horizontal SVG bar chart: one labelled bar per value, red where {@code alert} says so. */
    private static String chart(
            String id, String title, List<String> labels, List<Long> values, @Nullable List<Boolean> alert) {
        StringBuilder svg = new StringBuilder("<h3>").append(esc(title)).append("</h3>\n");
        if (values.isEmpty()) {
            return svg.append("<p class=\"empty\">None.</p>\n").toString();
        }
        long max = Math.max(1, values.stream().mapToLong(Long::longValue).max().orElse(1));
        int rowHeight = 18;
        int labelWidth = 260;
        int barWidth = 600;
        int height = values.size() * rowHeight + 10;
        svg.append("<svg id=\"")
                .append(id)
                .append("\" width=\"")
                .append(labelWidth + barWidth + 80)
                .append("\" height=\"")
                .append(height)
                .append("\" role=\"img\">\n");
        for (int i = 0; i < values.size(); i++) {
            long value = values.get(i);
            int y = 5 + i * rowHeight;
            int width = (int) Math.round((double) value * barWidth / max);
            boolean red = alert != null && alert.get(i);
            svg.append("<text x=\"")
                    .append(labelWidth - 6)
                    .append("\" y=\"")
                    .append(y + 13)
                    .append("\" text-anchor=\"end\">")
                    .append(esc(labels.get(i)))
                    .append("</text>");
            svg.append("<rect class=\"bar\" data-label=\"")
                    .append(esc(labels.get(i)))
                    .append("\" data-value=\"")
                    .append(value)
                    .append("\" x=\"")
                    .append(labelWidth)
                    .append("\" y=\"")
                    .append(y + 2)
                    .append("\" width=\"")
                    .append(Math.max(width, value > 0 ? 1 : 0))
                    .append("\" height=\"")
                    .append(rowHeight - 4)
                    .append("\" fill=\"")
                    .append(red ? "#c0392b" : "#2e6fb7")
                    .append("\"/>");
            svg.append("<text x=\"")
                    .append(labelWidth + width + 4)
                    .append("\" y=\"")
                    .append(y + 13)
                    .append("\">")
                    .append(value)
                    .append("</text>\n");
        }
        return svg.append("</svg>\n").toString();
    }

    private static String esc(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    /** A parser of flat JSON objects (string, number, boolean and null values), enough for audit lines. */
    static final class FlatJson {

        private FlatJson() {}

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
