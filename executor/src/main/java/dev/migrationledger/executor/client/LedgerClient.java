package dev.migrationledger.executor.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.ledger.api.ApprovalRequest;
import dev.migrationledger.ledger.api.AuthorizationRequest;
import dev.migrationledger.ledger.api.CorrectionRequest;
import dev.migrationledger.ledger.api.ExecutionFact;
import dev.migrationledger.ledger.api.MigrationDefinition;
import dev.migrationledger.ledger.api.PlanRequest;
import dev.migrationledger.ledger.api.PlanResponse;
import dev.migrationledger.ledger.api.ReportedReason;
import dev.migrationledger.ledger.api.SchemaLines;
import dev.migrationledger.ledger.api.ScriptFinding;
import dev.migrationledger.ledger.api.ScriptUpload;
import dev.migrationledger.ledger.api.ScriptUploadResponse;
import dev.migrationledger.ledger.domain.Checksum;
import dev.migrationledger.ledger.wire.AuthorizationResponse;
import dev.migrationledger.ledger.wire.BackupRequest;
import dev.migrationledger.ledger.wire.BaselineRequest;
import dev.migrationledger.ledger.wire.BaselineResponse;
import dev.migrationledger.ledger.wire.DriftScanRequest;
import dev.migrationledger.ledger.wire.DriftScanResponse;
import dev.migrationledger.ledger.wire.ExecutionsRequest;
import dev.migrationledger.ledger.wire.ExecutionsResponse;
import dev.migrationledger.ledger.wire.KeysResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ledger HTTP client: {@link HttpURLConnection}, JSON, a bearer token or the CI job's ID token
 * ({@link Credentials}; one the ledger refuses with 401 is renewed once and the request sent again).
 * Transport failures and 502/503/504 are retried per {@link RetryPolicy}, then surface as {@link LedgerUnreachableException}; every other
 * non-2xx answer is a {@link LedgerProblemException}. Every write carries an {@code Idempotency-Key}, so a
 * retry after a lost response can never record anything twice (R9).
 */
public final class LedgerClient {

    private static final Set<Integer> RETRYABLE = Set.of(502, 503, 504);
    private static final String API = "/api/v1";
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    /** No answer for this long (no byte at all) is a transport failure, retried like one. */
    private static final int READ_TIMEOUT_MS = 30_000;

    private final URI base;
    private final Credentials credentials;
    private final RetryPolicy retry;

    public LedgerClient(String baseUrl, String token, RetryPolicy retry) {
        this(baseUrl, Credentials.bearer(token), retry);
    }

    public LedgerClient(String baseUrl, Credentials credentials, RetryPolicy retry) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("no ledger URL: pass --url or set LEDGER_URL");
        }
        String trimmed = baseUrl.strip().replaceAll("/+$", "");
        try {
            this.base = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the ledger URL " + baseUrl + " is not a URL", e);
        }
        if (base.getScheme() == null || !base.getScheme().startsWith("http")) {
            throw new IllegalArgumentException("the ledger URL must start with http:// or https://: " + baseUrl);
        }
        this.credentials = credentials;
        this.retry = retry;
    }

    public PlanResponse plan(String project, List<MigrationDefinition> migrations) {
        PlanRequest body = new PlanRequest(migrations);
        String json = write(body);
        // A plan has no execution id; the hash of its content makes a retried plan a replay.
        return send("POST", projectPath(project) + "/migrations", json, "plan-" + Checksum.ofBytes(bytes(json)).hex(),
                PlanResponse.class);
    }

    /** Idempotent by nature: the ledger keeps one text per checksum and checks the text hashes to the planned one. */
    public ScriptUploadResponse putScript(String project, String version, String text, List<ScriptFinding> findings) {
        return send("PUT", projectPath(project) + "/migrations/" + segment(version) + "/script",
                write(new ScriptUpload(text, findings)), null, ScriptUploadResponse.class);
    }

    public JsonNode script(String project, String version) {
        return send("GET", projectPath(project) + "/migrations/" + segment(version) + "/script", null, null,
                JsonNode.class);
    }

    /** @param environment null: every environment of the project */
    public JsonNode pending(String project, String environment) {
        return send("GET", projectPath(project) + "/pending"
                + (environment == null ? "" : "?environment=" + segment(environment)), null, null, JsonNode.class);
    }

    /** The approval id is derived from what is approved, so a retried approval is a replay, never a second one. */
    public JsonNode approve(String project, String version, String checksum, String environment, String comment) {
        String json = write(new ApprovalRequest(checksum, environment, comment));
        // a retry by the same approver is the same approval; the same request by another approver is another one, so
        // the caller's credential (hashed: the key is logged as the approval's id) is part of the key
        return send("POST", projectPath(project) + "/migrations/" + segment(version) + "/approvals", json,
                "approval-" + Checksum.ofBytes(bytes(version + "\n" + json + "\n" + credentials.token())).hex()
                        .substring(0, 32), JsonNode.class);
    }

    public JsonNode revoke(String project, String version, String approvalId, String reason) {
        return send("DELETE", projectPath(project) + "/migrations/" + segment(version) + "/approvals/"
                + segment(approvalId) + (reason == null ? "" : "?reason=" + segment(reason)), null, null, JsonNode.class);
    }

    public JsonNode correct(String project, String version, String correctedBy, String reason) {
        return send("POST", projectPath(project) + "/migrations/" + segment(version) + "/corrections",
                write(new CorrectionRequest(correctedBy, reason)), null, JsonNode.class);
    }

    public JsonNode recordBackup(String project, String environment, BackupRequest backup) {
        return send("POST", envPath(project, environment) + "/backups", write(backup), backup.backupId(),
                JsonNode.class);
    }

    /** Closing a closed review again with the same comment changes nothing, so a retry needs no key. */
    public JsonNode review(String project, String reviewId, String comment) {
        return send("POST", projectPath(project) + "/reviews/" + segment(reviewId),
                write(java.util.Map.of("comment", comment)), null, JsonNode.class);
    }

    /** Asks to apply {@code checksums}' versions, in its order; a dry run records nothing and carries no key. */
    public AuthorizationResponse authorize(String project, String environment, String executionId,
                                         Map<String, String> checksums, String targetDigest, boolean dryRun) {
        AuthorizationRequest body = new AuthorizationRequest(executionId, List.copyOf(checksums.keySet()), checksums,
                targetDigest, dryRun ? Boolean.TRUE : null, null, null);
        return send("POST", envPath(project, environment) + "/authorizations", write(body),
                dryRun ? null : executionId, AuthorizationResponse.class);
    }

    public KeysResponse keys() {
        return send("GET", API + "/keys", null, null, KeysResponse.class);
    }

    /**
     * Refuses a project or environment the ledger does not know, before anything else is done, so that a typo in
     * a pipeline's configuration fails the pipeline even when there is nothing to do.
     *
     * @param environment null to check the project only
     * @throws UnknownProjectException naming what is registered instead
     */
    public JsonNode requireRegistered(String project, String environment) {
        JsonNode registered;
        try {
            registered = project(project);
        } catch (LedgerProblemException e) {
            if (e.status() != 404) {
                throw e;
            }
            List<String> known = new java.util.ArrayList<>();
            send("GET", API + "/projects", null, null, JsonNode.class).forEach(p -> known.add(p.path("id").asText()));
            throw new UnknownProjectException("the ledger at " + base + " has no project '" + project + "'"
                    + (known.isEmpty() ? "" : "; it has " + String.join(", ", known))
                    + ": check --project (LEDGER_PROJECT), or register the project first");
        }
        if (environment == null) {
            return registered;
        }
        List<String> environments = new java.util.ArrayList<>();
        registered.path("environments").forEach(e -> environments.add(e.path("name").asText()));
        if (!environments.contains(environment)) {
            throw new UnknownProjectException("project " + project + " has no environment '" + environment
                    + "'; it has " + String.join(", ", environments) + ": check --env (LEDGER_ENV)");
        }
        return registered;
    }

    public ExecutionsResponse record(String project, String environment, List<ExecutionFact> facts) {
        String json = write(new ExecutionsRequest(facts));
        String key = facts.size() == 1 ? facts.get(0).executionId() : "facts-" + Checksum.ofBytes(bytes(json)).hex();
        return send("POST", envPath(project, environment) + "/executions", json, key, ExecutionsResponse.class);
    }

    /** Idempotent by nature: the service stores one description per fingerprint and checks it hashes to it. */
    public void putSchemaSnapshot(String fingerprint, List<String> lines) {
        send("PUT", API + "/schema-snapshots/" + segment(fingerprint), write(new SchemaLines(lines)),
                "snapshot-" + fingerprint, JsonNode.class);
    }

    public DriftScanResponse driftScan(String project, String environment, DriftScanRequest scan) {
        return send("POST", envPath(project, environment) + "/drift-scans", write(scan), scan.scanId(),
                DriftScanResponse.class);
    }

    public BaselineResponse baseline(String project, String environment, BaselineRequest baseline) {
        String json = write(baseline);
        // An import has no id of its own; the hash of its content makes a retried import a replay.
        return send("POST", envPath(project, environment) + "/baselines", json,
                "baseline-" + Checksum.ofBytes(bytes(json)).hex(), BaselineResponse.class);
    }

    public JsonNode state(String project, String environment) {
        return send("GET", envPath(project, environment) + "/state", null, null, JsonNode.class);
    }

    /** The receipt of a version's last fact in an environment, exactly as the ledger serves it. */
    public String receipt(String project, String environment, String version) {
        return send("GET", envPath(project, environment) + "/migrations/" + segment(version) + "/receipt", null, null,
                String.class);
    }

    /** The newest signed checkpoint: {@code note}, {@code treeSize}, {@code rootHash}, {@code keyId}. */
    public JsonNode checkpoint() {
        return send("GET", API + "/log/checkpoint", null, null, JsonNode.class);
    }

    public JsonNode project(String project) {
        return send("GET", projectPath(project), null, null, JsonNode.class);
    }

    private static String projectPath(String project) {
        return API + "/projects/" + segment(project);
    }

    private static String envPath(String project, String environment) {
        return projectPath(project) + "/environments/" + segment(environment);
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private <T> T send(String method, String path, String json, String idempotencyKey, Class<T> type) {
        Response response = exchange(method, path, json, idempotencyKey);
        if (response.status() == 401 && credentials.renew()) {
            // an ID token that expired during a long run: the same request, with the job's fresh token
            response = exchange(method, path, json, idempotencyKey);
        }
        if (response.status() / 100 == 2) {
            if (type == String.class) {
                // what is saved for an auditor is the bytes the ledger sent, not a re-serialization
                return type.cast(response.body());
            }
            return read(response.body(), type, method + " " + path);
        }
        throw problem(response);
    }

    /** What the ledger answered: status, body as text, and the one header a retry needs. */
    record Response(int status, String body, String retryAfter) {
    }

    /**
     * One request on the JDK's {@link HttpURLConnection}, not {@code java.net.http}: building an HttpClient
     * and its first request took ~300 ms of a cold CLI start (its selector thread, HTTP/2 machinery and the
     * default TLS context with the trust store, even for an http:// ledger) against ~50 ms here, on the
     * critical path of every command (docs/performance.md). Redirects are not followed, as HttpClient did not.
     */
    private Response call(String method, String path, String json, String idempotencyKey) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
        connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
        connection.setReadTimeout(READ_TIMEOUT_MS);
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setRequestMethod(method);
        connection.setRequestProperty("Authorization", "Bearer " + credentials.token());
        connection.setRequestProperty("Accept", "application/json, application/problem+json");
        if ("GET".equals(method)) {
            // a read after another process's writes (migrate, then status) must include them
            connection.setRequestProperty("Ledger-Consistency", "head");
        }
        if (idempotencyKey != null) {
            connection.setRequestProperty("Idempotency-Key", idempotencyKey);
        }
        try {
            if (json != null) {
                byte[] body = bytes(json);
                connection.setRequestProperty("Content-Type", "application/json");
                connection.setDoOutput(true);
                // not in streaming mode: there a 401 (an expired ID token) throws HttpRetryException and its
                // problem document is lost; buffered, the body is the answer's and the token can be renewed
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = connection.getResponseCode();
            InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            String text;
            if (stream == null) {
                text = "";
            } else {
                // read to the end and closed: the connection goes back to the JDK's keep-alive cache
                try (InputStream in = stream) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            return new Response(status, text, connection.getHeaderField("Retry-After"));
        } catch (IOException e) {
            connection.disconnect();
            throw e;
        }
    }

    private Response exchange(String method, String path, String json, String idempotencyKey) {
        Exception last = null;
        String lastStatus = null;
        for (int attempt = 1; attempt <= retry.attempts(); attempt++) {
            Duration retryAfter = null;
            try {
                Response response = call(method, path, json, idempotencyKey);
                if (!RETRYABLE.contains(response.status())) {
                    return response;
                }
                lastStatus = "HTTP " + response.status();
                retryAfter = retryAfter(response.retryAfter()).orElse(null);
            } catch (IOException e) {
                last = e;
                lastStatus = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            if (attempt < retry.attempts()) {
                sleep(retry.delayAfter(attempt, retryAfter));
            }
        }
        throw new LedgerUnreachableException("the ledger at " + base + " is unreachable (" + method + " " + path + ", "
                + retry.attempts() + " attempts, last: " + lastStatus + ")", last);
    }

    static Optional<Duration> retryAfter(String header) {
        return Optional.ofNullable(header).flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip()))));
            } catch (NumberFormatException notSeconds) {
                try {
                    ZonedDateTime at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                    Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                    return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
                } catch (RuntimeException unparsable) {
                    return Optional.empty();
                }
            }
        });
    }

    private static LedgerProblemException problem(Response response) {
        String title = null;
        String detail = null;
        List<ReportedReason> reasons = List.of();
        try {
            JsonNode body = LedgerJson.MAPPER.readTree(response.body());
            if (body != null && body.isObject()) {
                title = text(body, "title");
                detail = text(body, "detail");
                if (body.has("reasons") && body.get("reasons").isArray()) {
                    reasons = List.of(LedgerJson.MAPPER.treeToValue(body.get("reasons"), ReportedReason[].class));
                }
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // Not a problem document (a proxy's HTML page, say): keep its start as the detail.
            String raw = response.body() == null ? "" : response.body().strip();
            detail = raw.length() > 200 ? raw.substring(0, 200) + "…" : raw;
        }
        return new LedgerProblemException(response.status(), title, detail, reasons);
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    private static <T> T read(String body, Class<T> type, String what) {
        try {
            return LedgerJson.MAPPER.readValue(body == null || body.isBlank() ? "{}" : body, type);
        } catch (JsonProcessingException e) {
            throw new LedgerProblemException(200, "unreadable answer", what + " returned JSON this client cannot read: "
                    + e.getOriginalMessage(), List.of());
        }
    }

    private static String write(Object body) {
        try {
            return LedgerJson.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("request bodies are plain records and always serialise", e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerUnreachableException("interrupted while waiting to retry the ledger", e);
        }
    }
}
