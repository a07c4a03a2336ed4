package dev.migrationledger.service.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded generator of malformed and hostile write requests. Each request starts from a valid body
 * for its endpoint and is then made invalid on purpose — a key field poisoned with a value its rule
 * refuses, or the JSON, the content type, the method or the size broken — and decorated with more
 * hostility (huge strings, unicode tricks, SQL and path traversal, odd numbers, unknown fields).
 * Every one of them must be refused: the test asserts that nothing is recorded.
 */
public final class HostileRequests {

    /** One request: what the test sends, with the role whose token it carries. */
    public record Hostile(String kind, String role, String method, String path, String contentType, byte[] body) {
    }

    public static final String PROJECT = "target";
    public static final String CHECKSUM = "ab".repeat(32);
    /** Stands for a lone surrogate; replaced by the JSON escape after serialization (Java would write '?'). */
    private static final String LONE_SURROGATE = "\u0001LONE\u0001";
    private static final String[] TRICKS = {
            "../../../../etc/passwd", "..\\..\\windows\\win.ini", "%2e%2e%2fadmin", "' OR '1'='1",
            "x'; DROP TABLE domain_event_entry; --", "1; DELETE FROM api_token", "\u202Egnp.exe", "ad\u200Bmin",
            "a\u0000b", "ab" + LONE_SURROGATE, "\uFEFFbom", "e\u0301", "ＡＢＣ", "<script>alert(1)</script>",
            "${jndi:ldap://x/a}", "", " ", "\t", "null", "-1", "NaN", "😀".repeat(50)};
    private static final String[] NUMBERS = {"-1", "-2147483649", "2147483648", "99999999999999999999999",
            "1e400", "-0", "1.5", "0x10", "NaN", "Infinity", "\"12\""};
    private static final String[] SPOOFED_FIELDS = {"actor", "approver", "principal", "recordedAt", "createdBy",
            "sequenceNumber", "__proto__"};

    private final Random random;
    private final ObjectMapper json = new ObjectMapper();

    public HostileRequests(long seed) {
        this.random = new Random(seed);
    }

    public Hostile next() {
        Endpoint endpoint = Endpoint.values()[random.nextInt(Endpoint.values().length)];
        ObjectNode body = endpoint.validBody(json);
        // a body-less endpoint gets an id its rule refuses (a space is in no valid id, key or name)
        String kind = body == null ? "hostile id" : poison(endpoint, body);
        String path = endpoint.path(PROJECT, "dev", "1", body == null ? encode(pick(TRICKS) + " x") : "id-1");
        String method = endpoint.method;
        String contentType = "application/json";
        int mode = random.nextInt(100);
        if (mode < 10) {
            kind += ", hostile path";
            path = endpoint.path(encode(pick(TRICKS) + "x" + pick(TRICKS)), encode(pick(TRICKS)), encode(pick(TRICKS)),
                    encode(pick(TRICKS) + " x"));
        } else if (mode < 16) {
            kind = "wrong method";
            method = pick(new String[]{"PATCH", "PUT", "DELETE", "POST"});
            if (method.equals(endpoint.method)) {
                method = "PATCH";
            }
        }
        if (body == null) {
            return new Hostile(kind, endpoint.role, method, path, contentType, null);
        }
        byte[] bytes = serialize(body);
        if (mode < 16) {
            // the path or the method is the hostile part; the (poisoned) body stays well-formed
            return new Hostile(kind, endpoint.role, method, path, contentType, bytes);
        }
        if (mode < 26) {
            kind = "broken JSON";
            bytes = breakJson(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        } else if (mode < 32) {
            kind = "duplicate key";
            String text = new String(bytes, StandardCharsets.UTF_8);
            bytes = ("{\"" + body.fieldNames().next() + "\":1," + text.substring(1)).getBytes(StandardCharsets.UTF_8);
        } else if (mode < 38) {
            kind = "wrong content type";
            contentType = pick(new String[]{"text/plain", "application/xml", "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x", "application/json-patch+json", "image/png"});
        } else if (mode < 42) {
            kind = "empty body";
            bytes = random.nextBoolean() ? new byte[0] : "   ".getBytes(StandardCharsets.UTF_8);
        } else if (mode < 43) {
            kind = "over the size limit";
            bytes = ("{\"pad\":\"" + "x".repeat(1_100_000 + random.nextInt(50_000)) + "\"}").getBytes(StandardCharsets.UTF_8);
        } else if (mode < 46) {
            kind = "random bytes";
            bytes = new byte[1 + random.nextInt(2000)];
            random.nextBytes(bytes);
        }
        return new Hostile(kind, endpoint.role, method, path, contentType, bytes);
    }

    /** Makes the body invalid for certain and adds more hostility; returns what was done. */
    private String poison(Endpoint endpoint, ObjectNode body) {
        ObjectNode target = endpoint.keyHolder(body);
        String kind;
        switch (random.nextInt(6)) {
            case 0 -> {
                kind = "unknown field";
                String spoofed = pick(SPOOFED_FIELDS);
                body.put(body.has(spoofed) ? "actor" : spoofed, "someone-else");
            }
            case 1 -> {
                kind = "wrong type";
                // containers only: Jackson would coerce a number into a string field
                target.set(endpoint.keyField, random.nextBoolean() ? json.createObjectNode().put("x", 1)
                        : json.createArrayNode().add("x"));
            }
            case 2 -> {
                kind = "huge string";
                // mostly tens of kilobytes; one in ten close under the 1 MiB limit
                int length = random.nextInt(10) == 0 ? 900_000 + random.nextInt(100_000) : 5_000 + random.nextInt(60_000);
                target.put(endpoint.keyField, "h".repeat(length));
            }
            default -> {
                kind = "bad value";
                target.put(endpoint.keyField, endpoint.invalidKey(random));
            }
        }
        // more hostility around the poison; whatever it does, the poison keeps the request invalid
        for (Iterator<Map.Entry<String, JsonNode>> fields = target.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getKey().equals(endpoint.keyField) && field.getValue().isTextual() && random.nextInt(3) == 0) {
                field.setValue(json.getNodeFactory().textNode(pick(TRICKS)));
            }
        }
        if (random.nextInt(4) == 0) {
            body.put("retentionDays", pick(NUMBERS));
        }
        return kind;
    }

    private byte[] serialize(ObjectNode body) {
        try {
            String text = json.writeValueAsString(body);
            return text.replace("\\u0001LONE\\u0001", "\\ud800").getBytes(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String breakJson(String text) {
        return switch (random.nextInt(6)) {
            case 0 -> text.substring(0, random.nextInt(Math.max(1, text.length() - 1)));
            case 1 -> text.replace("\"", "'");
            case 2 -> text.replaceFirst(":", "");
            case 3 -> text + "}";
            case 4 -> "[" + text;
            default -> text.replace(",", ",,");
        };
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    public static String encode(String segment) {
        return URLEncoder.encode(segment.replace(LONE_SURROGATE, "\uD800"), StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The write endpoints (SPEC §7), each with a valid body template and the field that gets poisoned. */
    enum Endpoint {
        TOKEN_CREATE("POST", "/api/v1/tokens", "admin", "principal"),
        TOKEN_REVOKE("DELETE", "/api/v1/tokens/{id}", "admin", null),
        PROJECT_REGISTER("POST", "/api/v1/projects", "admin", "id"),
        POLICY("PUT", "/api/v1/projects/{p}/environments/{e}/policy", "admin", "requiredApprovals"),
        PLAN("POST", "/api/v1/projects/{p}/migrations", "ci", "version"),
        APPROVE("POST", "/api/v1/projects/{p}/migrations/{v}/approvals", "approver", "checksum"),
        APPROVAL_REVOKE("DELETE", "/api/v1/projects/{p}/migrations/{v}/approvals/{id}", "approver", null),
        CORRECT("POST", "/api/v1/projects/{p}/migrations/{v}/corrections", "ci", "correctedBy"),
        BACKUP("POST", "/api/v1/projects/{p}/environments/{e}/backups", "approver", "backupId"),
        AUTHORIZE("POST", "/api/v1/projects/{p}/environments/{e}/authorizations", "ci", "executionId"),
        RECORD("POST", "/api/v1/projects/{p}/environments/{e}/executions", "ci", "executionId"),
        ROLLBACK("POST", "/api/v1/projects/{p}/environments/{e}/rollbacks", "ci", "executionId"),
        REBUILD("POST", "/api/v1/projections/{id}/rebuild", "admin", null);

        final String method;
        final String template;
        final String role;
        final String keyField;

        Endpoint(String method, String template, String role, String keyField) {
            this.method = method;
            this.template = template;
            this.role = role;
            this.keyField = keyField;
        }

        String path(String project, String environment, String version, String id) {
            return template.replace("{p}", project).replace("{e}", environment).replace("{v}", version)
                    .replace("{id}", this == TOKEN_REVOKE ? id + "-not-a-uuid" : id);
        }

        ObjectNode validBody(ObjectMapper json) {
            ObjectNode body = json.createObjectNode();
            switch (this) {
                case TOKEN_CREATE -> body.put("principal", "robot").set("roles", json.createArrayNode().add("ci"));
                case PROJECT_REGISTER -> body.put("id", "fresh").set("environments",
                        json.createArrayNode().add(json.createObjectNode().put("name", "dev")));
                case POLICY -> body.put("requiredApprovals", 1).put("frozen", false);
                case PLAN -> body.set("migrations", json.createArrayNode().add(json.createObjectNode()
                        .put("version", "7").put("description", "d").put("checksum", CHECKSUM).put("changeClass", "ADDITIVE")));
                case APPROVE -> body.put("checksum", CHECKSUM).put("environment", "dev").put("comment", "ok");
                case CORRECT -> body.put("correctedBy", "2").put("reason", "r");
                case BACKUP -> body.put("backupId", "b-1").put("location", "s3://b").put("takenAt", "2026-05-01T10:00:00Z")
                        .put("retentionDays", 30).put("restoreTested", true);
                case AUTHORIZE -> body.put("executionId", "run-1").set("versions", json.createArrayNode().add("1"));
                case RECORD -> body.set("facts", json.createArrayNode().add(json.createObjectNode()
                        .put("executionId", "run-1/1").put("version", "1").put("checksum", CHECKSUM).put("status", "APPLIED")
                        .put("finishedAt", "2026-05-01T10:00:00Z").put("tool", "ledger")));
                case ROLLBACK -> body.put("executionId", "rb-1").put("version", "1").put("reason", "r")
                        .put("occurredAt", "2026-05-01T10:00:00Z").put("tool", "ledger");
                default -> {
                    return null;
                }
            }
            return body;
        }

        /** The object holding the poisoned field: the body, or its first migration or fact. */
        ObjectNode keyHolder(ObjectNode body) {
            ArrayNode list = this == PLAN ? (ArrayNode) body.get("migrations") : this == RECORD ? (ArrayNode) body.get("facts") : null;
            return list == null ? body : (ObjectNode) list.get(0);
        }

        /** A value the field's rule refuses. */
        String invalidKey(Random random) {
            if (this == POLICY) {
                // an empty string would become null, i.e. "leave unchanged": only values that fail
                return List.of("-1", "-5", "many", "2147483648", "' OR 1=1 --", "x\u0000y", "k".repeat(201))
                        .get(random.nextInt(7));
            }
            // invalid as identifier, key, version and checksum alike
            List<String> values = new ArrayList<>(List.of("", " ", "a b", "x\u0000y", "\u202Erun", "run\u200B1",
                    "r" + LONE_SURROGATE, "é", "' OR 1=1 --", "k".repeat(201), "tab\there"));
            switch (this) {
                case PLAN, CORRECT -> values.addAll(List.of("1..2", "x1", "-1", "1.a", "../etc/passwd", "1;DROP"));
                case APPROVE -> values.addAll(List.of("ab".repeat(31) + "a", "ab".repeat(31), "zz".repeat(32), "../etc/passwd"));
                case TOKEN_CREATE, PROJECT_REGISTER -> values.addAll(List.of("_x", ".hidden", "a".repeat(65), "x;y", "../etc"));
                default -> {
                }
            }
            return values.get(random.nextInt(values.size()));
        }
    }
}
