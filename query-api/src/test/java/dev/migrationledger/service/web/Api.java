package dev.migrationledger.service.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A plain HTTP client for tests: what any CI pipeline would send, with a chosen token. */
public final class Api {

    public record Response(int status, JsonNode body, HttpResponse<String> raw) {

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public List<String> reasonCodes() {
            return body.path("reasons").findValuesAsText("code");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String token;

    private Api(String base, String token) {
        this.base = base;
        this.token = token;
    }

    public static Api admin(int port, Path home) {
        try {
            return new Api("http://127.0.0.1:" + port, Files.readString(home.resolve("admin.token")).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Api anonymous(int port) {
        return new Api("http://127.0.0.1:" + port, null);
    }

    public String token() {
        return token;
    }

    public Api withToken(String other) {
        return new Api(base, other);
    }

    /** The log's current public key as {@code GET /keys} lists it, for verifying receipts as an auditor would. */
    public dev.migrationledger.ledger.integrity.LogPublicKey currentLogKey() {
        com.fasterxml.jackson.databind.JsonNode keys = get("/api/v1/keys").body();
        for (com.fasterxml.jackson.databind.JsonNode key : keys.path("keys")) {
            if (key.path("keyId").asText().equals(keys.path("current").asText())) {
                return dev.migrationledger.ledger.integrity.LogPublicKey.fromPem(key.path("keyName").asText(),
                        key.path("publicKey").asText());
            }
        }
        throw new AssertionError("no current key in " + keys);
    }

    /** Creates a token for {@code principal} with {@code roles} and returns a client that uses it. */
    public Api as(String principal, String... roles) {
        Response created = post("/api/v1/tokens", Map.of("principal", principal, "roles", List.of(roles)));
        if (created.status() != 201) {
            throw new IllegalStateException("token creation failed: " + created.body());
        }
        return withToken(created.body().get("token").asText());
    }

    public Response get(String path) {
        return send("GET", path, null, Map.of());
    }

    public Response post(String path, Object body) {
        return send("POST", path, body, Map.of());
    }

    public Response post(String path, Object body, Map<String, String> headers) {
        return send("POST", path, body, headers);
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body, Map.of());
    }

    public Response delete(String path) {
        return send("DELETE", path, null, Map.of());
    }

    public Response send(String method, String path, Object body, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            headers.forEach(request::header);
            if (body instanceof String raw) {
                request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(raw));
            } else if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() ? JSON.nullNode() : parse(response.body());
            return new Response(response.statusCode(), json, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }
}
