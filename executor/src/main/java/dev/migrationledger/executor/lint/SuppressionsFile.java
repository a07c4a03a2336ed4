package dev.migrationledger.executor.lint;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationledger.ledger.domain.Checksum;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code ledger-suppressions.json}, format version 1 (docs/lint-rules.md):
 *
 * <pre>
 * {"version": 1,
 *  "files": {"V11__rename.sql": {"checksum": "&lt;SHA-256 of the script&gt;",
 *                                "rules": {"ML031-rename-column": {"count": 1}}}}}
 * </pre>
 *
 * Paths are relative to the migration directory. A rule may be named by its id, its number or its squawk name.
 * Anything else — another version, an unknown key, a duplicate key, a count that is not a positive integer,
 * a checksum that is not SHA-256 hex, two names for one rule in one file — is a configuration error (exit 2),
 * never ignored: a file that silently suppressed nothing, or too much, would misstate what lint checked.
 */
public final class SuppressionsFile {

    public static final int FORMAT_VERSION = 1;

    /** Far above a real file (a 10,000-migration project fits in a few MiB); a hostile one cannot exhaust memory. */
    static final long MAX_BYTES = 32L * 1024 * 1024;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private SuppressionsFile() {
    }

    public static Suppressions read(Path file, List<LintRule> rules) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new LintConfigException(file + (Files.exists(file) ? " is not a file" : " does not exist")
                        + "; write it with ledger lint --suppress-all, or leave out --suppressions");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new LintConfigException(file + " is over " + MAX_BYTES + " bytes; it is not a suppressions file");
            }
            return parse(file.toString(), new String(Files.readAllBytes(file), StandardCharsets.UTF_8), rules);
        } catch (IOException e) {
            throw new LintConfigException("cannot read " + file + ": " + e.getMessage() + "; check its permissions", e);
        }
    }

    /** @throws LintConfigException naming {@code name} and what is wrong, for any text that is not a valid file */
    static Suppressions parse(String name, String text, List<LintRule> rules) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new LintConfigException(name + ": not valid JSON (" + e.getOriginalMessage()
                    + "); write it again with ledger lint --suppress-all", e);
        }
        Reader reader = new Reader(name, rules);
        return reader.root(root);
    }

    /** Writes the file whole, through a temporary file, so that a killed run never leaves half of it. */
    public static void write(Suppressions suppressions, Path file) {
        ObjectNode root = JSON.createObjectNode().put("version", FORMAT_VERSION);
        ObjectNode files = root.putObject("files");
        suppressions.files().forEach((path, entry) -> {
            ObjectNode node = files.putObject(path).put("checksum", entry.checksum().hex());
            ObjectNode byRule = node.putObject("rules");
            entry.rules().stream().sorted(Comparator.comparing(Suppressions.RuleCount::name))
                    .forEach(rule -> byRule.putObject(rule.name()).put("count", rule.count()));
        });
        Path absolute = file.toAbsolutePath();
        try {
            Path temporary = Files.createTempFile(absolute.getParent(), ".ledger-suppressions", ".tmp");
            Files.writeString(temporary, JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new LintConfigException("cannot write " + file + ": " + e.getMessage()
                    + "; run from a writable directory or pass --suppressions FILE", e);
        }
    }

    /** Checks each level of the document and says where it is wrong. */
    private record Reader(String name, List<LintRule> rules) {

        Suppressions root(JsonNode root) {
            if (root == null || !root.isObject()) {
                throw problem("the document must be an object: {\"version\": " + FORMAT_VERSION + ", \"files\": {…}}");
            }
            onlyKeys(root, "the document", Set.of("version", "files"));
            JsonNode version = root.get("version");
            if (version == null || !version.isIntegralNumber() || !version.canConvertToInt()
                    || version.intValue() != FORMAT_VERSION) {
                throw problem("\"version\": " + FORMAT_VERSION + " is required (found " + (version == null ? "none" : version)
                        + "); a file of another version was written by another ledger");
            }
            JsonNode files = root.path("files");
            if (files.isMissingNode()) {
                return Suppressions.NONE;
            }
            if (!files.isObject()) {
                throw problem("\"files\" must be an object keyed by file path");
            }
            Map<String, Suppressions.FileEntry> entries = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> file = it.next();
                entries.put(file.getKey(), file(file.getKey(), file.getValue()));
            }
            return new Suppressions(entries);
        }

        private Suppressions.FileEntry file(String path, JsonNode node) {
            String where = "files[" + quote(path) + "]";
            if (path.isBlank()) {
                throw problem(where + ": a file path is required");
            }
            if (!node.isObject()) {
                throw problem(where + " must be an object with \"checksum\" and \"rules\"");
            }
            onlyKeys(node, where, Set.of("checksum", "rules"));
            JsonNode checksum = node.get("checksum");
            Checksum parsed;
            try {
                parsed = new Checksum(checksum == null || !checksum.isTextual() ? null : checksum.textValue());
            } catch (IllegalArgumentException e) {
                throw problem(where + ".checksum: " + e.getMessage());
            }
            JsonNode byRule = node.get("rules");
            if (byRule == null || !byRule.isObject() || byRule.isEmpty()) {
                throw problem(where + ".rules must be an object such as {\"ML002-drop-column\": {\"count\": 1}}");
            }
            List<Suppressions.RuleCount> counts = new ArrayList<>();
            Set<String> named = new HashSet<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = byRule.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> rule = it.next();
                Suppressions.RuleCount count = rule(where, rule.getKey(), rule.getValue());
                Set<String> twice = count.ruleIds().stream().filter(id -> !named.add(id)).collect(Collectors.toSet());
                if (!twice.isEmpty()) {
                    throw problem(where + ".rules names " + String.join(", ", new TreeSet<>(twice))
                            + " twice (by id and by squawk name?); keep one entry per rule");
                }
                counts.add(count);
            }
            return new Suppressions.FileEntry(parsed, List.copyOf(counts));
        }

        private Suppressions.RuleCount rule(String where, String ruleName, JsonNode node) {
            String at = where + ".rules[" + quote(ruleName) + "]";
            Set<String> ids;
            try {
                ids = LintConfig.resolve(ruleName, rules).stream().map(LintRule::id).collect(Collectors.toUnmodifiableSet());
            } catch (IllegalArgumentException e) {
                throw problem(at + ": " + e.getMessage());
            }
            if (!node.isObject()) {
                throw problem(at + " must be an object: {\"count\": 1}");
            }
            onlyKeys(node, at, Set.of("count"));
            JsonNode count = node.get("count");
            if (count == null || !count.isIntegralNumber() || !count.canConvertToInt() || count.intValue() < 1) {
                throw problem(at + ".count must be a whole number of at least 1 (found " + count + ")");
            }
            return new Suppressions.RuleCount(ruleName, ids, count.intValue());
        }

        private void onlyKeys(JsonNode node, String where, Set<String> allowed) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String key = names.next();
                if (!allowed.contains(key)) {
                    throw problem(where + ": unknown key " + quote(key) + " (expected " + String.join(", ", new TreeSet<>(allowed)) + ")");
                }
            }
        }

        private LintConfigException problem(String message) {
            return new LintConfigException(name + ": " + message + "; write the file again with ledger lint --suppress-all");
        }

        private static String quote(String text) {
            String shown = text.length() > 200 ? text.substring(0, 200) + "…" : text;
            return "\"" + shown.codePoints().mapToObj(c -> Character.isISOControl(c) ? String.format("\\u%04x", c)
                    : new String(Character.toChars(c))).collect(Collectors.joining()) + "\"";
        }
    }
}
