package dev.migrationledger.service.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationledger.ledger.integrity.LogPublicKey;
import dev.migrationledger.ledger.integrity.ReceiptVerifier;
import dev.migrationledger.ledger.integrity.Verdict;
import dev.migrationledger.service.LedgerIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Which approvals count" (SPEC §5 R2) has one implementation; the aggregate (what {@code pending} says and
 * authorizations are judged by), a fact's receipt and the compliance report must name the same approvers for every
 * fact, and the receipt verifier must accept each approval the receipt lists: after approvals in mixed case, revocations, replans that void approvals or make an approver the author,
 * and refused self-approvals.
 */
class CountingApprovalsAgreementTest extends LedgerIntegrationTest {

    private static final List<String> ENVIRONMENTS = List.of("dev", "stage");
    private static final List<String> VERSIONS = List.of("1", "2");
    private static final List<String> APPROVERS = List.of("bob", "Bob", "carol", "CAROL", "dave", "alice");

    @LocalServerPort
    int port;

    Api admin;
    Api ci;
    Map<String, Api> approvers;

    @BeforeEach
    void tokens() {
        admin = Api.admin(port, currentHome);
        ci = admin.as("ci-bot", "ci");
        approvers = new LinkedHashMap<>();
        for (String name : APPROVERS) {
            approvers.put(name, admin.as(name, "approver"));
        }
    }

    @Test
    void aFixedHistoryCountsEachPrincipalOnceAndNeverTheCurrentAuthor() {
        Project p = new Project("fixture");
        p.plan("1", "alice", 0);
        p.approve("1", "bob", null);
        p.approve("1", "Bob", "dev");     // bob again, in another case: one principal
        p.approve("1", "carol", "dev");   // counts until the replan makes carol the author
        p.approve("1", "dave", null);
        p.revokeLast();                    // dave's, revoked
        p.approve("1", "alice", null);     // the author's own: refused
        p.plan("1", "carol", 0);           // same checksum, new author: no approval is voided
        Map<String, Set<String>> agreed = p.applyEverywhereAndCompare();
        assertThat(agreed).containsEntry("dev/1", Set.of("bob")).containsEntry("stage/1", Set.of("bob"));
    }

    @Test
    void randomHistoriesAgreeOnEveryFact() {
        Random random = new Random(20261202L);
        int counted = 0;
        for (int h = 0; h < 4; h++) {
            Project p = new Project("random-" + h);
            for (String version : VERSIONS) {
                p.plan(version, "alice", 0);
            }
            for (int step = 0; step < 30; step++) {
                String version = VERSIONS.get(random.nextInt(VERSIONS.size()));
                switch (random.nextInt(10)) {
                    case 0 -> p.revokeRandom(random);
                    case 1 -> p.plan(version, APPROVERS.get(random.nextInt(APPROVERS.size())), p.revision(version));
                    case 2 -> p.plan(version, p.author(version), p.revision(version) + 1); // a new checksum voids
                    default -> {
                        String env = random.nextInt(3) == 0 ? null : ENVIRONMENTS.get(random.nextInt(ENVIRONMENTS.size()));
                        p.approve(version, APPROVERS.get(random.nextInt(APPROVERS.size())), env);
                    }
                }
            }
            counted += p.applyEverywhereAndCompare().values().stream().mapToInt(Set::size).sum();
        }
        assertThat(counted).as("the histories must leave approvals that count, or agreeing proves little").isPositive();
    }

    /** One project's history, driven through the API as the CLI and the dashboard drive it. */
    private final class Project {
        final String id;
        final Map<String, String> authors = new HashMap<>();
        final Map<String, Integer> revisions = new HashMap<>();
        final List<String[]> approvals = new ArrayList<>();
        int approvalIds;

        Project(String id) {
            this.id = id;
            ok(admin.post("/api/v1/projects", Map.of("id", id, "environments",
                    ENVIRONMENTS.stream().map(e -> Map.of("name", e)).toList())));
        }

        String author(String version) {
            return authors.get(version);
        }

        int revision(String version) {
            return revisions.get(version);
        }

        String checksum(String version) {
            return DriftScanApiTest.sha("-- " + version + " revision " + revisions.get(version));
        }

        void plan(String version, String author, int revision) {
            revisions.put(version, revision);
            authors.put(version, author);
            ok(ci.post(base() + "/migrations", Map.of("migrations", List.of(Map.of("version", version,
                    "description", "by " + author + " rev " + revision, "checksum", checksum(version),
                    "changeClass", "ADDITIVE", "author", author)))));
        }

        void approve(String version, String approver, String environment) {
            String approvalId = "a-" + approvalIds++;
            Map<String, Object> body = new HashMap<>();
            body.put("checksum", checksum(version));
            if (environment != null) {
                body.put("environment", environment);
            }
            Api.Response response = approvers.get(approver).post(base() + "/migrations/" + version + "/approvals", body,
                    Map.of("Idempotency-Key", approvalId));
            // the aggregate refuses self-approvals and an approver's second approval of the same scope
            if (response.status() == 201) {
                approvals.add(new String[]{version, approvalId});
            } else {
                assertThat(response.reasonCodes()).as(response.body().toString())
                        .containsAnyOf("SELF_APPROVAL", "DUPLICATE_APPROVER");
            }
        }

        void revokeLast() {
            revoke(approvals.remove(approvals.size() - 1));
        }

        void revokeRandom(Random random) {
            if (!approvals.isEmpty()) {
                revoke(approvals.remove(random.nextInt(approvals.size())));
            }
        }

        private void revoke(String[] approval) {
            ok(approvers.get("bob").delete(base() + "/migrations/" + approval[0] + "/approvals/" + approval[1]));
        }

        /**
         * Reads what the aggregate counts (pending), records an apply of every version in every environment, and
         * asserts that each fact's receipt and its compliance row name the same approvers; returns them, by
         * environment/version.
         */
        Map<String, Set<String>> applyEverywhereAndCompare() {
            Map<String, Set<String>> aggregate = new TreeMap<>();
            for (String env : ENVIRONMENTS) {
                for (JsonNode pending : ok(ci.get(base() + "/pending?environment=" + env)).body().path("pending")) {
                    Set<String> names = new TreeSet<>();
                    pending.path("approvers").forEach(a -> names.add(principal(a.asText())));
                    assertThat(pending.path("approvals").asInt()).isEqualTo(names.size());
                    aggregate.put(env + "/" + pending.path("version").asText(), names);
                }
            }
            Map<String, Set<String>> receipts = new TreeMap<>();
            long lastIndex = 0;
            for (String env : ENVIRONMENTS) {
                for (String version : VERSIONS.subList(0, authors.size())) {
                    Api.Response recorded = ok(ci.post(base() + "/environments/" + env + "/executions", Map.of("facts",
                            List.of(LifecycleApiTest.fact(env + "-" + version, version, checksum(version), "APPLIED")))));
                    lastIndex = recorded.body().path("lastIndex").asLong();
                    String receiptId = recorded.body().path("facts").get(0).path("receiptId").asText();
                    receipts.put(env + "/" + version, receiptApprovers(receiptId));
                }
            }
            Map<String, Set<String>> report = new TreeMap<>();
            JsonNode executions = ok(ci.get("/api/v1/reports/compliance?project=" + id + "&minIndex=" + lastIndex))
                    .body().path("executions");
            for (JsonNode execution : executions) {
                Set<String> names = new TreeSet<>();
                execution.path("approvals").forEach(a -> names.add(principal(a.path("approver").asText())));
                report.put(execution.path("environment").asText() + "/" + execution.path("version").asText(), names);
            }
            assertThat(receipts).as("receipts of %s", id).isEqualTo(aggregate);
            assertThat(report).as("compliance report of %s", id).isEqualTo(aggregate);
            return aggregate;
        }

        private Set<String> receiptApprovers(String receiptId) {
            Api.Response response = ci.get("/api/v1/receipts/" + receiptId + "?minIndex=0");
            assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
            try {
                JsonNode file = new ObjectMapper().readTree(response.raw().body());
                JsonNode statement = new ObjectMapper().readTree(new String(Base64.getDecoder()
                        .decode(file.path("envelope").path("payload").asText()), StandardCharsets.UTF_8));
                Set<String> names = new TreeSet<>();
                statement.path("predicate").path("approvals").forEach(a -> names.add(principal(a.path("approver").asText())));
                // a listed duplicate would collapse in the set: the receipt must list each principal once
                assertThat(statement.path("predicate").path("approvals").size()).isEqualTo(names.size());
                // the verifier's re-check selects with the same rule (the facts are unauthorized here, so the
                // receipt as a whole is not proven; its approvals must be)
                Verdict verdict = new ReceiptVerifier(currentKey()).verify(response.raw().body().getBytes(StandardCharsets.UTF_8), null);
                assertThat(verdict.checks()).as(verdict.render())
                        .anyMatch(check -> check.name().equals("DSSE signature") && check.passed())
                        .filteredOn(check -> check.name().startsWith("approval counts")).hasSize(names.size())
                        .allMatch(Verdict.Check::passed);
                return names;
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }

        private LogPublicKey currentKey() {
            JsonNode keys = ok(ci.get("/api/v1/keys")).body();
            for (JsonNode key : keys.path("keys")) {
                if (key.path("keyId").asText().equals(keys.path("current").asText())) {
                    return LogPublicKey.fromPem(key.path("keyName").asText(), key.path("publicKey").asText());
                }
            }
            throw new AssertionError("no current key in " + keys);
        }

        private String base() {
            return "/api/v1/projects/" + id;
        }
    }

    private static String principal(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static Api.Response ok(Api.Response response) {
        assertThat(response.status()).as(response.body() == null ? "" : response.body().toString()).isBetween(200, 201);
        return response;
    }
}
