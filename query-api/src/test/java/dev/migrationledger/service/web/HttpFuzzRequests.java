package dev.migrationledger.service.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generated raw HTTP requests across every endpoint, method, content type and role, for the fuzz run
 * against the packaged service. Writes come from {@link HostileRequests} (a valid body made invalid for
 * certain, so no write may be accepted) and are then sent with any role's token, content type or method;
 * reads go to every GET endpoint with hostile ids and parameters; a share of both is then broken at the
 * byte level: control and C1 characters in paths and headers, bad percent-encoding, oversized or
 * duplicated headers, unknown methods and HTTP versions, form and multipart bodies with forbidden names.
 */
public final class HttpFuzzRequests {

    /** One request as bytes; {@code write} when nothing it asks for may be recorded. */
    public record Generated(String kind, String method, boolean write, byte[] bytes) {
    }

    /** Roles whose tokens the run holds; {@code none} sends no token, {@code bogus} an unknown one. */
    public static final List<String> ROLES = List.of("admin", "ci", "approver", "auditor", "none", "bogus");

    private static final String P = HostileRequests.PROJECT;
    private static final List<String> READS = List.of("/api/v1/projects", "/api/v1/projects/{p}",
            "/api/v1/projects/{p}/environments/{e}/state", "/api/v1/projects/{p}/drift",
            "/api/v1/projects/{p}/migrations/{v}/timeline", "/api/v1/projects/{p}/environments/{e}/migrations/{v}/receipt",
            "/api/v1/receipts/{id}", "/api/v1/reports/compliance", "/api/v1/log/checkpoint", "/api/v1/log/proof/inclusion",
            "/api/v1/log/proof/consistency", "/api/v1/log/audit", "/api/v1/keys", "/api/v1/events", "/api/v1/tokens", "/api/v1/whoami",
            "/api/v1/schema-snapshots/{id}", "/api/v1/projects/{p}/webhooks",
            "/api/v1/projects/{p}/webhooks/{id}/deliveries", "/actuator/health", "/actuator/prometheus", "/v3/api-docs", "/", "/error",
            "/nowhere");
    /** Writes outside HostileRequests' list: sent only with roles that may not call them, so they cannot succeed. */
    private static final List<String[]> GUARDED_WRITES = List.of(new String[]{"/api/v1/keys/rotate", "ci"},
            new String[]{"/api/v1/log/checkpoint", "approver"}, new String[]{"/api/v1/keys/rotate", "auditor"});
    private static final List<String> PARAMS = List.of("minIndex", "after", "limit", "index", "size", "from", "to",
            "project", "environment", "format", "at", "reason", "%01", "%C2%85", "a b", "");
    private static final List<String> VALUES = List.of("0", "1", "-1", "x", "%zz", "%", "1e3", "99999999999999999999",
            "2026-05-01T10:00:00Z", "csv", "html", "json", "dev", P, "%00", "%0A", "%C0%AF", "%E2%80%AE", "..%2F..", "'");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-16",
            "application/json; charset=foo", "application/x-www-form-urlencoded", "multipart/form-data",
            "multipart/form-data; boundary=--x", "text/plain; charset=utf-8", ";;;", "application/json; charset=\"");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS",
            "TRACE", "FOO", "G@T", "CONNECT");

    private final Random random;
    private final HostileRequests writes;
    private final Map<String, String> tokens;

    /** @param tokens a bearer token per role of {@link #ROLES} (none and bogus excepted) */
    public HttpFuzzRequests(long seed, Map<String, String> tokens) {
        this.random = new Random(seed);
        this.writes = new HostileRequests(seed);
        this.tokens = tokens;
    }

    public Generated next() {
        int kind = random.nextInt(100);
        Generated request = kind < 45 ? write() : kind < 70 ? read() : kind < 78 ? formBody() : guardedWrite();
        return random.nextInt(100) < 22 ? broken(request) : request;
    }

    private Generated write() {
        HostileRequests.Hostile hostile = writes.next();
        String role = random.nextInt(10) < 7 ? hostile.role() : pick(ROLES);
        String contentType = random.nextInt(10) == 0 ? pick(CONTENT_TYPES) : hostile.contentType();
        Map<String, String> headers = headers(role);
        if (hostile.body() != null) {
            headers.put("Content-Type", contentType);
        }
        if (random.nextInt(8) == 0) {
            headers.put("Idempotency-Key", pick(VALUES));
        }
        return new Generated("write: " + hostile.kind(), hostile.method(), true,
                RawHttp.request(hostile.method(), hostile.path(), headers, hostile.body()));
    }

    private Generated read() {
        String path = pick(READS).replace("{p}", random.nextBoolean() ? P : hostileSegment())
                .replace("{e}", random.nextBoolean() ? "dev" : hostileSegment())
                .replace("{v}", random.nextBoolean() ? "1" : hostileSegment())
                .replace("{id}", hostileSegment());
        StringBuilder query = new StringBuilder();
        for (int i = random.nextInt(4); i > 0; i--) {
            query.append(query.isEmpty() ? '?' : '&').append(pick(PARAMS)).append('=').append(pick(VALUES));
        }
        String method = random.nextInt(10) == 0 ? pick(List.of("HEAD", "OPTIONS")) : "GET";
        return new Generated("read", method, false, RawHttp.request(method, path + query, headers(pick(ROLES)), null));
    }

    /** The class: what {@code curl -d} sends, with printable text and control characters as names. */
    private Generated formBody() {
        HostileRequests.Hostile hostile = writes.next();
        StringBuilder body = new StringBuilder();
        for (int i = 1 + random.nextInt(4); i > 0; i--) {
            if (!body.isEmpty()) {
                body.append('&');
            }
            body.append(text()).append(random.nextBoolean() ? "=" + text() : "");
        }
        Map<String, String> headers = headers(random.nextInt(10) < 8 ? hostile.role() : pick(ROLES));
        headers.put("Content-Type", random.nextInt(4) == 0 ? "multipart/form-data; boundary=x" : "application/x-www-form-urlencoded");
        String method = random.nextInt(5) == 0 ? "PUT" : "POST";
        return new Generated("form body", method, true, RawHttp.request(method, hostile.path(), headers,
                body.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private Generated guardedWrite() {
        String[] write = pick(GUARDED_WRITES);
        Map<String, String> headers = headers(write[1]);
        headers.put("Content-Type", "application/json");
        return new Generated("write by a role that may not", "POST", true,
                RawHttp.request("POST", write[0], headers, "{}".getBytes(StandardCharsets.UTF_8)));
    }

    /** Breaks a request at the byte level; what it asked for must still not be done. */
    private Generated broken(Generated request) {
        String text = new String(request.bytes(), StandardCharsets.ISO_8859_1);
        int lineEnd = text.indexOf("\r\n");
        String requestLine = text.substring(0, lineEnd);
        String rest = text.substring(lineEnd);
        String method = request.method();
        String how;
        switch (random.nextInt(9)) {
            case 0 -> {
                how = "control character in the path";
                int at = requestLine.indexOf(' ') + 2 + random.nextInt(Math.max(1, requestLine.lastIndexOf(' ') - requestLine.indexOf(' ') - 2));
                requestLine = requestLine.substring(0, at) + (char) (int) pick(List.of(0, 1, 0x1f, 0x7f, 0x85, 0xa0, 0xff, 0x5c, 0x22, 0x3c, 0x7b))
                        + requestLine.substring(at);
            }
            case 1 -> {
                how = "bad percent-encoding in the path";
                requestLine = requestLine.replaceFirst(" /", " /" + pick(List.of("%", "%z", "%zz", "%%", "%C0", "%FF%FE", "%2", "%u0041")));
            }
            case 2 -> {
                how = "control or C1 character in a header";
                rest = "\r\n" + pick(List.of("X-Trace", "Idempotency-Key", "Accept", "Authorization", "Content-Type"))
                        + ": a" + (char) (int) pick(List.of(1, 0x7f, 0x85, 0x9b, 0xff)) + "b" + rest;
            }
            case 3 -> {
                how = "oversized header";
                rest = "\r\nX-Big: " + "a".repeat(9_000 + random.nextInt(60_000)) + rest;
            }
            case 4 -> {
                how = "another method";
                method = pick(METHODS);
                requestLine = method + requestLine.substring(requestLine.indexOf(' '));
            }
            case 5 -> {
                how = "odd HTTP version";
                requestLine = requestLine.substring(0, requestLine.lastIndexOf(' ') + 1) + pick(List.of("HTTP/1.0", "HTTP/2.0", "HTTP/9.9", "HTTP/1", "HTTX/1.1"));
            }
            case 6 -> {
                how = "transfer coding";
                rest = "\r\nTransfer-Encoding: " + pick(List.of("gzip", "chunked, gzip", "identity", "x")) + rest;
            }
            case 7 -> {
                how = "header without a colon or with spaces";
                rest = "\r\n" + pick(List.of("NoColon", "Bad Name: 1", ": empty", "X-\u00e9: 1")) + rest;
            }
            default -> {
                how = "header name with control characters";
                rest = "\r\nX-" + (char) (int) pick(List.of(1, 0x7f, 0x85)) + ": 1" + rest;
            }
        }
        // a write sent as GET, HEAD or OPTIONS asks for nothing to be done, and may be answered 200
        boolean write = request.write() && !List.of("GET", "HEAD", "OPTIONS").contains(method);
        return new Generated(request.kind() + ", " + how, method, write, (requestLine + rest).getBytes(StandardCharsets.ISO_8859_1));
    }

    private Map<String, String> headers(String role) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (role.equals("bogus")) {
            headers.put("Authorization", "Bearer mlt_" + "0".repeat(64));
        } else if (!role.equals("none")) {
            headers.put("Authorization", "Bearer " + tokens.get(role));
        }
        if (random.nextInt(6) == 0) {
            headers.put("Accept", pick(List.of("application/json", "text/html", "*/*", "application/xml", ";;;/", "text/csv")));
        }
        return headers;
    }

    private String hostileSegment() {
        return pick(List.of("x", "%zz", "a%00b", "a%01b", "..", "%2e%2e", "a%2Fb", "a;b", "%E2%80%AE", "%F0%9F%98%80",
                "0000", HostileRequests.encode("' OR 1=1 --"), "R__x", "1.2.3", "a".repeat(300)));
    }

    /** Printable text with now and then a control character (raw or percent-encoded). */
    private String text() {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i >= 0; i--) {
            int c = random.nextInt(10);
            text.append(c == 0 ? (char) random.nextInt(0x20) : c == 1 ? "%" + String.format("%02X", random.nextInt(0x20))
                    : (char) (0x21 + random.nextInt(0x5e)));
        }
        return text.toString();
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
