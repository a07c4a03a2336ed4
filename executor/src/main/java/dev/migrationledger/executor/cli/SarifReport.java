package dev.migrationledger.executor.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintRule;
import dev.migrationledger.executor.lint.Severity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Lint findings as SARIF 2.1.0, shaped for GitHub code scanning: every rule in {@code tool.driver.rules},
 * results with {@code ruleId}, {@code level}, a {@code physicalLocation} whose {@code artifactLocation.uri}
 * is relative to the repository, {@code region.startLine}, and {@code partialFingerprints} built from the
 * finding's (file, rule id) identity and message, so alerts follow a finding when lines move.
 */
final class SarifReport {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String FINGERPRINT = "ledgerFinding/v1";

    private SarifReport() {
    }

    /** A rule as SARIF's {@code tool.driver.rules} lists it. */
    record Rule(String id, String summary, String level, List<String> squawk) {
    }

    /** One result: where (a path relative to the repository, a line) and its stable fingerprint. */
    record Result(String ruleId, String level, String message, String uri, int line, String fingerprint,
                  String squawk) {
    }

    /** @param pathPrefix what to put before a finding's file to make it relative to the repository root */
    static String of(List<Finding> findings, List<LintRule> rules, String pathPrefix, String version) {
        return log("ledger lint", version,
                rules.stream().map(r -> new Rule(r.id(), r.summary(), level(r.severity()), r.squawk())).toList(),
                findings.stream().map(f -> new Result(f.ruleId(), level(f.severity()),
                        f.message() + ". " + capitalise(f.advice()) + ".", pathPrefix + f.file(), f.line(),
                        fingerprint(f), f.squawk())).toList());
    }

    static String log(String tool, String version, List<Rule> rules, List<Result> results) {
        ObjectNode log = LintReport.JSON.createObjectNode();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", tool);
        driver.put("version", version);
        ArrayNode ruleArray = driver.putArray("rules");
        for (Rule rule : rules) {
            ObjectNode r = ruleArray.addObject();
            r.put("id", rule.id());
            r.put("name", rule.id().substring(rule.id().indexOf('-') + 1));
            r.putObject("shortDescription").put("text", rule.summary());
            r.putObject("defaultConfiguration").put("level", rule.level());
            ObjectNode properties = r.putObject("properties");
            properties.putArray("tags").add("postgresql").add("migration");
            if (!rule.squawk().isEmpty()) {
                ArrayNode squawk = properties.putArray("squawk");
                rule.squawk().forEach(squawk::add);
            }
        }
        ArrayNode resultArray = run.putArray("results");
        for (Result f : results) {
            ObjectNode result = resultArray.addObject();
            result.put("ruleId", f.ruleId());
            int index = indexOf(rules, f.ruleId());
            if (index >= 0) {
                result.put("ruleIndex", index);
            }
            result.put("level", f.level());
            result.putObject("message").put("text", f.message());
            ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
            physical.putObject("artifactLocation").put("uri", f.uri());
            physical.putObject("region").put("startLine", Math.max(1, f.line()));
            result.putObject("partialFingerprints").put(FINGERPRINT, f.fingerprint());
            if (f.squawk() != null) {
                result.putObject("properties").put("squawk", f.squawk());
            }
        }
        return log.toPrettyString();
    }

    static String level(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    static String fingerprint(Finding f) {
        return fingerprint(f.key() + "\n" + f.message());
    }

    /**
     * SHA-256 of what identifies a result — for a finding its (file, rule id) identity and message — never
     * the line, which moves with edits above it.
     */
    static String fingerprint(String identity) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static int indexOf(List<Rule> rules, String id) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
