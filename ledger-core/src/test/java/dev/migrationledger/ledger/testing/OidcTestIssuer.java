package dev.migrationledger.ledger.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A CI platform's OIDC side, on loopback, for tests: a real JWKS (Nimbus keys, rotatable) at
 * {@code /jwks}, ID tokens signed with its current key, and GitHub Actions' token-request endpoint at
 * {@code /token-request} (the job's request token as a bearer, the audience as a parameter, the token in
 * {@code value}). Also the forged tokens a resource server must refuse.
 */
public final class OidcTestIssuer implements AutoCloseable {

    private final HttpServer server;
    private final String requestToken = "request-" + UUID.randomUUID();
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final List<JWK> published = new ArrayList<>();
    /** A key the JWKS never publishes: what a forger signs with. Made once, RSA key generation is slow. */
    private final RSAKey stray = rsa();
    private volatile JWK signing;
    private volatile Map<String, Object> jobClaims = Map.of();

    public OidcTestIssuer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        signing = rsa();
        published.add(signing.toPublicJWK());
        server.createContext("/jwks", this::jwks);
        server.createContext("/token-request", this::tokenRequest);
        server.start();
    }

    /** The issuer identifier: what tokens carry as {@code iss} and the service is configured with. */
    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String jwksUri() {
        return issuer() + "/jwks";
    }

    /** What GitHub puts in {@code ACTIONS_ID_TOKEN_REQUEST_URL}: it already has a query. */
    public String tokenRequestUrl() {
        return issuer() + "/token-request?api-version=2.0";
    }

    /** What GitHub puts in {@code ACTIONS_ID_TOKEN_REQUEST_TOKEN}. */
    public String requestToken() {
        return requestToken;
    }

    public int jwksRequests() {
        return jwksRequests.get();
    }

    public int tokenRequests() {
        return tokenRequests.get();
    }

    /** The claims the token-request endpoint signs (besides iss, aud and times): the job it plays. */
    public void playJob(Map<String, Object> claims) {
        jobClaims = Map.copyOf(claims);
    }

    /** A new key signs from now on; the JWKS publishes it beside the old one, as issuers do. */
    public synchronized String rotate() {
        signing = rsa();
        published.add(0, signing.toPublicJWK());
        return signing.getKeyID();
    }

    public String currentKid() {
        return signing.getKeyID();
    }

    /**
     * The claims GitHub Actions signs for a deployment job of {@code repository} to {@code environment}
     * from main, run 8675309 (besides iss, aud and the times: {@link #claims}).
     */
    public static Map<String, Object> githubJob(String repository, String environment) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "repo:" + repository + ":environment:" + environment);
        claims.put("repository", repository);
        claims.put("repository_owner", repository.substring(0, Math.max(0, repository.indexOf('/'))));
        claims.put("ref", "refs/heads/main");
        claims.put("sha", "5f3b2a9c1d0e7f6a8b9c0d1e2f3a4b5c6d7e8f90");
        claims.put("run_id", "8675309");
        claims.put("run_attempt", "1");
        claims.put("workflow", "deploy database");
        claims.put("actor", "octocat");
        claims.put("environment", environment);
        claims.put("event_name", "push");
        claims.put("runner_environment", "github-hosted");
        return claims;
    }

    /** iss, aud, iat, nbf and a five-minute exp, then {@code claims} over them. */
    public Map<String, Object> claims(String audience, Map<String, Object> claims) {
        Instant now = Instant.now();
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("iss", issuer());
        all.put("aud", audience);
        all.put("iat", now);
        all.put("nbf", now);
        all.put("exp", now.plus(Duration.ofMinutes(5)));
        all.put("jti", UUID.randomUUID().toString());
        all.putAll(claims);
        return all;
    }

    /** An ID token signed RS256 with the current key, as the platform would issue it. */
    public String sign(Map<String, Object> claims) {
        return sign(claims, signing);
    }

    /** Signed ES256 by an EC key the JWKS also publishes. */
    public synchronized String signEs256(Map<String, Object> claims) {
        ECKey ec = ec();
        published.add(ec.toPublicJWK());
        return sign(claims, ec);
    }

    /** The tokens a resource server must refuse though their claims are right, by what is wrong with them. */
    public Map<String, String> forgeries(Map<String, Object> claims) {
        Map<String, String> forged = new LinkedHashMap<>();
        forged.put("alg=none", new PlainJWT(claimSet(claims)).serialize());
        forged.put("HS256 keyed with the public key", hs256WithPublicKey(claims));
        forged.put("unknown kid", signWithInventedKid(claims));
        forged.put("known kid, another key", sign(claims, new RSAKey.Builder(stray).keyID(signing.getKeyID()).build()));
        Map<String, Object> expired = new LinkedHashMap<>(claims);
        expired.put("iat", Instant.now().minus(Duration.ofHours(2)));
        expired.put("nbf", Instant.now().minus(Duration.ofHours(2)));
        expired.put("exp", Instant.now().minus(Duration.ofHours(1)));
        forged.put("expired", sign(expired));
        Map<String, Object> early = new LinkedHashMap<>(claims);
        early.put("nbf", Instant.now().plus(Duration.ofHours(1)));
        forged.put("not yet valid", sign(early));
        Map<String, Object> future = new LinkedHashMap<>(claims);
        future.put("iat", Instant.now().plus(Duration.ofHours(1)));
        future.put("exp", Instant.now().plus(Duration.ofHours(2)));
        forged.put("issued in the future", sign(future));
        Map<String, Object> noExpiry = new LinkedHashMap<>(claims);
        noExpiry.remove("exp");
        forged.put("no exp", sign(noExpiry));
        Map<String, Object> audience = new LinkedHashMap<>(claims);
        audience.put("aud", "someone-else");
        forged.put("wrong audience", sign(audience));
        Map<String, Object> issuer = new LinkedHashMap<>(claims);
        issuer.put("iss", "https://issuer.invalid");
        forged.put("wrong issuer", sign(issuer));
        String token = sign(claims);
        forged.put("tampered payload", token.substring(0, token.indexOf('.') + 1)
                + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(claimSet(audience).toString()
                .getBytes(StandardCharsets.UTF_8)) + token.substring(token.lastIndexOf('.')));
        return forged;
    }

    /** Signed by a key the issuer never published, under a kid no one has seen before. */
    public String signWithInventedKid(Map<String, Object> claims) {
        return sign(claims, new RSAKey.Builder(stray).keyID("invented-" + UUID.randomUUID()).build());
    }

    private String hs256WithPublicKey(Map<String, Object> claims) {
        try {
            // the classic confusion: the verifier's public key, which anyone can fetch, used as an HMAC secret
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(signing.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claimSet(claims));
            jwt.sign(new MACSigner(signing.toRSAKey().toPublicKey().getEncoded()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(Map<String, Object> claims, JWK key) {
        try {
            boolean ec = key instanceof ECKey;
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(ec ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256)
                    .keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claimSet(claims));
            jwt.sign(ec ? new ECDSASigner(key.toECKey()) : new RSASSASigner(key.toRSAKey()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWTClaimsSet claimSet(Map<String, Object> claims) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
        claims.forEach((name, value) -> builder.claim(name, value instanceof Instant at ? Date.from(at) : value));
        return builder.build();
    }

    private static RSAKey rsa() {
        try {
            return new RSAKeyGenerator(2048).keyID("k-" + UUID.randomUUID().toString().substring(0, 8)).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey ec() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("ec-" + UUID.randomUUID().toString().substring(0, 8)).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private void jwks(HttpExchange exchange) throws IOException {
        jwksRequests.incrementAndGet();
        String body;
        synchronized (this) {
            body = new JWKSet(published).toString(true);
        }
        respond(exchange, 200, body);
    }

    private void tokenRequest(HttpExchange exchange) throws IOException {
        tokenRequests.incrementAndGet();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.equalsIgnoreCase("bearer " + requestToken)) {
            respond(exchange, 401, "{\"message\":\"bad request token\"}");
            return;
        }
        String audience = null;
        String query = exchange.getRequestURI().getRawQuery();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            if (pair.startsWith("audience=")) {
                audience = URLDecoder.decode(pair.substring("audience=".length()), StandardCharsets.UTF_8);
            }
        }
        Map<String, Object> claims = claims(audience, jobClaims);
        if (audience == null) {
            claims.remove("aud");
        }
        respond(exchange, 200, "{\"count\":1,\"value\":\"" + sign(claims) + "\"}");
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
