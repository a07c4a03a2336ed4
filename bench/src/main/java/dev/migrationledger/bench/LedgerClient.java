package dev.migrationledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The service's REST API as a CI client sees it (java.net.http, one shared connection pool). HTTP/1.1 on
 * purpose: Tomcat speaks no cleartext HTTP/2, and the default client would try an upgrade on every connection.
 */
final class LedgerClient {

    static final ObjectMapper JSON = new ObjectMapper();

    record Answer(int status, String body) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;

    LedgerClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    String baseUrl() {
        return baseUrl;
    }

    /** Any status; the caller judges it. {@code path} is below the server root (e.g. {@code /api/v1/…}). */
    Answer send(String method, String path, String token, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofMinutes(5))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    /** A call that must succeed (2xx), with its JSON answer. */
    JsonNode call(String method, String path, String token, String json) throws IOException, InterruptedException {
        Answer answer = send(method, path, token, json);
        if (answer.status() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " → " + answer.status() + " " + answer.body());
        }
        return JSON.readTree(answer.body().isBlank() ? "{}" : answer.body());
    }

    JsonNode api(String method, String path, String token, String json) throws IOException, InterruptedException {
        return call(method, "/api/v1" + path, token, json);
    }
}
