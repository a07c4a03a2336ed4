package dev.migrationledger.ledger.testing;

import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A webhook receiver (SPEC §10) on a fixed local port, for the service's tests and the end-to-end walkthrough, checking signatures the way a receiver would: it can be
 * stopped (connection refused, as for a receiver that is down) and started again on the same port, and
 * made to answer an error status for a while.
 */
public final class WebhookReceiver implements AutoCloseable {

    public record Received(String deliveryId, String event, String signature, String userAgent, String body, boolean signatureValid) {
    }

    private static final Pattern SIGNATURE = Pattern.compile("t=(\\d+),v1=([0-9a-f]{64})");

    public final int port;
    private final String secret;
    public final List<Received> received = new CopyOnWriteArrayList<>();
    /** Answers this status instead of 204 while above zero, counting down per request. */
    public final AtomicInteger failuresLeft = new AtomicInteger();
    private HttpServer server;

    public WebhookReceiver(String secret) {
        this.secret = secret;
        try (ServerSocket probe = new ServerSocket(0)) {
            this.port = probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/hooks/ledger";
    }

    public synchronized WebhookReceiver start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hooks/ledger", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String signature = exchange.getRequestHeaders().getFirst("Ledger-Signature");
            boolean failing = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            if (!failing) {
                received.add(new Received(exchange.getRequestHeaders().getFirst("Ledger-Delivery"),
                        exchange.getRequestHeaders().getFirst("Ledger-Event"), signature,
                        exchange.getRequestHeaders().getFirst("User-Agent"), body, verifies(signature, body)));
            }
            exchange.sendResponseHeaders(failing ? 503 : 204, -1);
            exchange.close();
        });
        server.start();
        return this;
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The receiver's side of SPEC §10: HMAC-SHA256 of "t.body" with the shared secret, compared in constant time. */
    public boolean verifies(String header, String body) {
        if (header == null) {
            return false;
        }
        Matcher m = SIGNATURE.matcher(header);
        if (!m.matches()) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((m.group(1) + "." + body).getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(expected, HexFormat.of().parseHex(m.group(2)))
                    && Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(m.group(1))) < 300;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Received> ofType(String event) {
        return received.stream().filter(r -> event.equals(r.event())).toList();
    }

    public Map<String, Long> countsByDelivery() {
        return received.stream().collect(java.util.stream.Collectors.groupingBy(Received::deliveryId,
                java.util.stream.Collectors.counting()));
    }
}
