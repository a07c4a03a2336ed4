package dev.migrationledger.executor.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.migrationledger.ledger.api.AuthorizationGrant;
import dev.migrationledger.ledger.api.AuthorizationRequest;
import dev.migrationledger.ledger.api.ExecutionAuthorized.AuthorizedMigration;
import dev.migrationledger.ledger.api.MigrationDefinition;
import dev.migrationledger.ledger.api.PlanOutcome;
import dev.migrationledger.ledger.api.PlanRequest;
import dev.migrationledger.ledger.api.PlanResponse;
import dev.migrationledger.ledger.api.SchemaLines;
import dev.migrationledger.ledger.api.ScriptUpload;
import dev.migrationledger.ledger.api.ScriptUploadResponse;
import dev.migrationledger.ledger.domain.Checksum;
import dev.migrationledger.ledger.integrity.LogSigningKey;
import dev.migrationledger.ledger.integrity.SignedAuthorization;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A stand-in for the ledger's write endpoints (SPEC §7.1) on a local port: authorizes in order until a
 * version listed in {@link #deny}, with a signed authorization (SPEC §10) by its own log key, dedupes facts
 * by executionId (same content: replay, other content: 409) and can answer 503 a set number of times. Enough to test the client and the executor's flow
 * without the service; the service itself is exercised by {@code EndToEndTest}.
 */
public final class FakeLedger implements AutoCloseable {

    public record Request(String method, String path, String idempotencyKey, String authorization, JsonNode body) {
    }

    public final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    /** Facts as first received, by executionId. */
    public final Map<String, JsonNode> facts = Collections.synchronizedMap(new LinkedHashMap<>());
    public final Set<String> deny = Collections.synchronizedSet(new HashSet<>());
    public final AtomicInteger unavailable = new AtomicInteger();
    public volatile boolean factsUnavailable;
    /** When set, every {@code GET …/environments/{e}/state} answers 503: the project is known, what ran is not. */
    public volatile boolean statesUnavailable;
    public volatile String retryAfter;
    /** Script texts stored by PUT …/migrations/{v}/script, by the checksum of the text (as the service keeps them). */
    public final Map<String, JsonNode> scripts = new java.util.concurrent.ConcurrentHashMap<>();
    /** GET …/migrations/{v}/script answers, by version; POST …/approvals answers approvalStatus/approvalBody if set. */
    public final Map<String, ObjectNode> scriptViews = new java.util.concurrent.ConcurrentHashMap<>();
    public volatile int approvalStatus = 201;
    public volatile String approvalBody;
    public volatile String pendingBody = "{\"pending\":[]}";
    /** The schema fingerprint the ledger last recorded; a backup's evidence is judged against it. */
    public volatile String recordedFingerprint;
    public volatile int planStatus = 200;
    public volatile String planBody;
    /** Schema descriptions stored by PUT /schema-snapshots, by fingerprint (checked like the service checks). */
    public final Map<String, JsonNode> snapshots = Collections.synchronizedMap(new LinkedHashMap<>());
    /** Findings every drift scan answers with (a JSON array); none by default. */
    public volatile String driftFindings = "[]";
    /** Bearer values answered 401, as the service answers an expired ID token. */
    public final Set<String> refusedTokens = Collections.synchronizedSet(new HashSet<>());
    /** When set, every drift-scans and schema-snapshots call answers 404 as a service without them would. */
    public volatile boolean withoutDriftEndpoints;

    /** The ledger's log key: what {@code GET /keys} lists. */
    public final LogSigningKey key = LogSigningKey.generate("migration-ledger.local/log");
    /** The key that signs authorizations; another one forges them. */
    public volatile LogSigningKey signer = key;
    /** Registered projects; each has dev, staging and prod. */
    public final Set<String> projects = Collections.synchronizedSet(new HashSet<>(Set.of("p", "billing")));
    /** version → planned checksum; an authorization naming another checksum is denied CHECKSUM_NOT_PLANNED. */
    public final Map<String, String> planned = Collections.synchronizedMap(new LinkedHashMap<>());
    public volatile Duration validFor = Duration.ofHours(1);
    /** Runs while an authorization is being answered: between the executor's read and its apply. */
    public volatile Runnable authorizing = () -> { };
    /** What a man in the middle does to the authorization answer; nothing by default. */
    public volatile UnaryOperator<ObjectNode> rewrite = UnaryOperator.identity();
    /**
     * What {@code GET …/environments/{e}/state} lists as applied, by environment; every project has these
     * environments, in this order.
     */
    public final Map<String, List<String>> applied = Collections.synchronizedMap(new LinkedHashMap<>());

    private final HttpServer server;

    public FakeLedger() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List.of("dev", "staging", "prod").forEach(e -> applied.put(e, List.of()));
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Request> requestsTo(String pathEnd) {
        synchronized (requests) {
            return requests.stream().filter(r -> r.path().endsWith(pathEnd)).toList();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        JsonNode json = body.isBlank() ? null : LedgerJson.MAPPER.readTree(body);
        String path = exchange.getRequestURI().getPath();
        requests.add(new Request(exchange.getRequestMethod(), path, exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                exchange.getRequestHeaders().getFirst("Authorization"), json));
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && refusedTokens.contains(authorization.replaceFirst("^Bearer ", ""))) {
            respond(exchange, 401, "{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"the OIDC ID token was refused: Jwt expired\"}");
            return;
        }
        if (unavailable.getAndUpdate(n -> Math.max(0, n - 1)) > 0 || (factsUnavailable && path.endsWith("/executions"))
                || (statesUnavailable && path.endsWith("/state"))) {
            if (retryAfter != null) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter);
            }
            respond(exchange, 503, "{\"title\":\"Service Unavailable\",\"status\":503}");
            return;
        }
        if ("GET".equals(exchange.getRequestMethod())) {
            reads(exchange, path);
        } else if (path.contains("/schema-snapshots/") || path.endsWith("/drift-scans") || path.endsWith("/baselines")) {
            driftEndpoints(exchange, path, json);
        } else if (path.contains("/approvals/") && "DELETE".equals(exchange.getRequestMethod())) {
            respond(exchange, 200, LedgerJson.MAPPER.createObjectNode().put("approvalId", path.split("/")[8])
                    .put("version", path.split("/")[6]).put("revoked", true).toString());
        } else if (path.contains("/reviews/")) {
            ObjectNode answer = LedgerJson.MAPPER.createObjectNode();
            answer.putObject("review").put("reviewId", path.split("/")[6]).put("version", "7").put("environment", "prod")
                    .put("factActor", "ci-bot").put("reviewedBy", "bob").put("comment", json.get("comment").asText());
            respond(exchange, 200, answer.toString());
        } else if (path.endsWith("/corrections")) {
            respond(exchange, 201, LedgerJson.MAPPER.createObjectNode().put("version", path.split("/")[6])
                    .put("correctedBy", json.get("correctedBy").asText()).toString());
        } else if (path.endsWith("/approvals")) {
            respond(exchange, approvalStatus, approvalBody != null ? approvalBody : LedgerJson.MAPPER.createObjectNode()
                    .put("approvalId", "ap-1").put("version", path.split("/")[6]).put("checksum", json.get("checksum").asText())
                    .put("approver", "carol").toString());
        } else if (path.endsWith("/backups")) {
            ObjectNode answer = LedgerJson.MAPPER.createObjectNode().put("backupId", json.get("backupId").asText());
            JsonNode evidence = json.get("evidence");
            if (evidence != null && !evidence.isNull()) {
                ObjectNode judged = evidence.deepCopy();
                if (recordedFingerprint != null) {
                    judged.put("fingerprintMatches", recordedFingerprint.equals(evidence.get("fingerprint").asText()))
                            .put("expectedFingerprint", recordedFingerprint);
                }
                answer.set("evidence", judged);
            }
            respond(exchange, 201, answer.toString());
        } else if (path.endsWith("/script") && "PUT".equals(exchange.getRequestMethod())) {
            ScriptUpload upload = LedgerJson.MAPPER.treeToValue(json, ScriptUpload.class);
            String checksum = Checksum.ofScript(upload.text().getBytes(StandardCharsets.UTF_8)).hex();
            boolean stored = scripts.putIfAbsent(checksum, json) == null;
            respond(exchange, stored ? 201 : 200, LedgerJson.MAPPER.writeValueAsString(
                    new ScriptUploadResponse(path.split("/")[6], checksum, stored, 1)));
        } else if (path.endsWith("/migrations")) {
            if (planBody != null) {
                respond(exchange, planStatus, planBody);
                return;
            }
            List<MigrationDefinition> plan = LedgerJson.MAPPER.treeToValue(json, PlanRequest.class).migrations();
            respond(exchange, 200, LedgerJson.MAPPER.writeValueAsString(new PlanResponse(
                    plan.stream().map(m -> new PlanOutcome(m.version(), PlanOutcome.Outcome.PLANNED)).toList(),
                    plan.stream().filter(m -> !scripts.containsKey(m.checksum())).map(MigrationDefinition::version)
                            .toList(), 1)));
        } else if (path.endsWith("/authorizations")) {
            respond(exchange, 200, authorize(path, json).toString());
        } else if (path.endsWith("/executions")) {
            ObjectNode answer = LedgerJson.MAPPER.createObjectNode().put("lastIndex", facts.size());
            for (JsonNode fact : json.get("facts")) {
                JsonNode earlier = facts.putIfAbsent(fact.get("executionId").asText(), fact);
                if (earlier != null && !earlier.equals(fact)) {
                    respond(exchange, 409, "{\"title\":\"Conflict\",\"status\":409,\"reasons\":[{\"code\":"
                            + "\"IDEMPOTENCY_CONFLICT\",\"message\":\"other content\",\"field\":\"executionId\"}]}");
                    return;
                }
                answer.withArray("facts").addObject().put("executionId", fact.get("executionId").asText())
                        .put("receiptId", "r-" + fact.get("executionId").asText()).putArray("violations");
            }
            respond(exchange, 200, answer.toString());
        } else {
            respond(exchange, 404, "{\"title\":\"Not Found\",\"status\":404,\"reasons\":[{\"code\":\"UNKNOWN_PROJECT\"}]}");
        }
    }

    /**
     * GET /keys, GET /projects, GET /projects/{p} ({@link #projects} with dev, staging and prod) and
     * GET …/environments/{e}/state (its {@link #applied} versions).
     */
    private void reads(HttpExchange exchange, String path) throws IOException {
        if (path.equals("/api/v1/keys")) {
            ObjectNode answer = LedgerJson.MAPPER.createObjectNode().put("current", key.publicKey().keyIdHex());
            answer.putArray("keys").addObject().put("keyName", key.name()).put("keyId", key.publicKey().keyIdHex())
                    .put("publicKey", key.publicKey().toPem());
            respond(exchange, 200, answer.toString());
            return;
        }
        String[] parts = path.split("/");
        if (path.endsWith("/script") && parts.length == 8 && scriptViews.containsKey(parts[6])) {
            respond(exchange, 200, scriptViews.get(parts[6]).toString());
            return;
        }
        if (path.endsWith("/pending")) {
            respond(exchange, 200, pendingBody);
            return;
        }
        if (path.equals("/api/v1/projects")) {
            respond(exchange, 200, LedgerJson.MAPPER.valueToTree(projects.stream().map(this::project).toList()).toString());
        } else if (parts.length == 5 && parts[3].equals("projects") && projects.contains(parts[4])) {
            respond(exchange, 200, project(parts[4]).toString());
        } else if (parts.length == 8 && parts[3].equals("projects") && projects.contains(parts[4])
                && parts[5].equals("environments") && parts[7].equals("state") && applied.containsKey(parts[6])) {
            ObjectNode state = LedgerJson.MAPPER.createObjectNode().put("project", parts[4]).put("environment", parts[6]);
            state.putArray("applied");
            applied.get(parts[6]).forEach(v -> state.withArray("applied").addObject().put("version", v));
            respond(exchange, 200, state.toString());
        } else {
            respond(exchange, 404, "{\"title\":\"Not found\",\"status\":404,\"reasons\":[{\"code\":\"UNKNOWN_PROJECT\","
                    + "\"message\":\"no project is registered at " + path + "\"}]}");
        }
    }

    private ObjectNode project(String id) {
        ObjectNode project = LedgerJson.MAPPER.createObjectNode().put("id", id);
        List.of("dev", "staging", "prod").forEach(e -> project.withArray("environments").addObject().put("name", e));
        return project;
    }

    /**
     * Judges in order like the ledger (R4: stops at the first denial; a dry run judges all): a version in
     * {@link #deny} lacks approval, a checksum other than {@link #planned}'s is CHECKSUM_NOT_PLANNED. The
     * authorized prefix comes with an envelope signed by {@link #signer}; {@link #rewrite} then changes the
     * answer as a man in the middle would.
     */
    private ObjectNode authorize(String path, JsonNode json) {
        authorizing.run();
        String[] parts = path.split("/");
        AuthorizationRequest request = LedgerJson.MAPPER.convertValue(json, AuthorizationRequest.class);
        String executionId = request.executionId();
        boolean dryRun = Boolean.TRUE.equals(request.dryRun());
        ObjectNode answer = LedgerJson.MAPPER.createObjectNode().put("executionId", executionId);
        answer.putArray("authorized");
        answer.putArray("denied");
        List<AuthorizedMigration> granted = new ArrayList<>();
        boolean stopped = false;
        for (String version : request.versions()) {
            String checksum = request.checksums().get(version);
            ArrayNode reasons = LedgerJson.MAPPER.createArrayNode();
            if (planned.containsKey(version) && !planned.get(version).equals(checksum)) {
                reasons.addObject().put("code", "CHECKSUM_NOT_PLANNED").put("message", "the file of " + version
                        + " has checksum " + checksum + " but " + version + " is planned with " + planned.get(version)
                        + "; the file changed since it was planned: run ledger plan");
            }
            if (deny.contains(version)) {
                reasons.addObject().put("code", "NO_APPROVAL").put("message", "needs an approval");
            }
            if (reasons.isEmpty() && !stopped) {
                answer.withArray("authorized").add(version);
                granted.add(new AuthorizedMigration(version, checksum));
            } else if (!reasons.isEmpty() && (dryRun || !stopped)) {
                answer.withArray("denied").addObject().put("version", version).set("reasons", reasons);
            }
            stopped |= !reasons.isEmpty();
        }
        if (!dryRun && !granted.isEmpty()) {
            Instant now = Instant.now();
            AuthorizationGrant grant = new AuthorizationGrant(parts[4], parts[6], executionId, granted,
                    request.targetDigest(), "ci-bot", now, now.plus(validFor));
            answer.set("envelope", LedgerJson.MAPPER.valueToTree(SignedAuthorization.sign(grant, signer)));
        }
        return rewrite.apply(answer);
    }

    private void driftEndpoints(HttpExchange exchange, String path, JsonNode json) throws IOException {
        if (withoutDriftEndpoints) {
            respond(exchange, 404, "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"No endpoint\"}");
            return;
        }
        if (path.contains("/schema-snapshots/")) {
            String fingerprint = path.substring(path.lastIndexOf('/') + 1);
            List<String> lines = LedgerJson.MAPPER.treeToValue(json, SchemaLines.class).lines();
            String actual = Checksum.ofBytes(
                    String.join("\n", lines).getBytes(StandardCharsets.UTF_8)).hex();
            if (!actual.equals(fingerprint)) {
                respond(exchange, 400, "{\"title\":\"Bad Request\",\"status\":400,\"reasons\":[{\"code\":"
                        + "\"INVALID_INPUT\",\"message\":\"the SHA-256 of the lines is " + actual + "\"}]}");
                return;
            }
            snapshots.put(fingerprint, json);
            respond(exchange, 201, "{\"fingerprint\":\"" + fingerprint + "\",\"lines\":" + lines.size() + "}");
        } else if (path.endsWith("/drift-scans")) {
            respond(exchange, 200, "{\"scanId\":\"" + json.get("scanId").asText() + "\",\"findings\":" + driftFindings
                    + ",\"resolved\":[],\"lastIndex\":7}");
        } else {
            respond(exchange, 200, "{\"recorded\":" + json.get("entries").size() + ",\"lastIndex\":8}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
