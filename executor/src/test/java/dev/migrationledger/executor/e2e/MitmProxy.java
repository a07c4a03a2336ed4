package dev.migrationledger.executor.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.migrationledger.executor.client.LedgerJson;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A man in the middle between {@code ledger} and the service: forwards every request and, for answers to
 * {@code …/authorizations} and {@code /keys}, lets a test rewrite the JSON the executor receives, as a
 * compromised proxy or a {@code LEDGER_URL} pointing at the wrong thing could.
 */
final class MitmProxy implements AutoCloseable {

    private static final List<String> FORWARDED = List.of("Authorization", "Content-Type", "Accept", "Idempotency-Key",
            "Ledger-Consistency");

    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String upstream;
    /** (request path, the service's answer) → what the executor gets; applied to authorizations and keys. */
    volatile BiFunction<String, ObjectNode, ObjectNode> rewrite = (path, answer) -> answer;

    MitmProxy(String upstream) throws IOException {
        this.upstream = upstream;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::forward);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().toString();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream + path)).timeout(Duration.ofSeconds(60))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            FORWARDED.forEach(h -> {
                String value = exchange.getRequestHeaders().getFirst(h);
                if (value != null) {
                    request.header(h, value);
                }
            });
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String answer = response.body();
            String plainPath = exchange.getRequestURI().getPath();
            if (response.statusCode() == 200 && (plainPath.endsWith("/authorizations") || plainPath.endsWith("/keys"))) {
                JsonNode json = LedgerJson.MAPPER.readTree(answer);
                answer = rewrite.apply(plainPath, (ObjectNode) json).toString();
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type",
                    response.headers().firstValue("Content-Type").orElse("application/json"));
            exchange.sendResponseHeaders(response.statusCode(), bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(502, -1);
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
