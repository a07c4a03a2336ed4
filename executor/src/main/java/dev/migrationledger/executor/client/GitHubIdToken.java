package dev.migrationledger.executor.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The job's OIDC ID token from GitHub Actions, by GitHub's documented protocol: GET
 * {@code $ACTIONS_ID_TOKEN_REQUEST_URL&audience=…} with {@code Authorization: bearer
 * $ACTIONS_ID_TOKEN_REQUEST_TOKEN}; the token is the answer's {@code value}. Both variables exist only in a
 * job granted {@code permissions: id-token: write}. The token is kept until shortly before its exp.
 */
public final class GitHubIdToken implements Credentials {

    public static final String REQUEST_URL = "ACTIONS_ID_TOKEN_REQUEST_URL";
    public static final String REQUEST_TOKEN = "ACTIONS_ID_TOKEN_REQUEST_TOKEN";
    /** Fetch the next token this long before the current one expires: a request in flight must not outlive it. */
    private static final Duration MARGIN = Duration.ofSeconds(60);

    private final URI requestUrl;
    private final String requestToken;
    private final RetryPolicy retry;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;
    private Instant expiresAt;

    GitHubIdToken(URI requestUrl, String requestToken, RetryPolicy retry, Clock clock) {
        this.requestUrl = requestUrl;
        this.requestToken = requestToken;
        this.retry = retry;
        this.clock = clock;
    }

    /** @throws IdTokenException when the job has no token-request variables (no {@code id-token: write}) */
    public static GitHubIdToken fromEnvironment(Map<String, String> env, String audience, RetryPolicy retry) {
        String url = env.get(REQUEST_URL);
        String requestToken = env.get(REQUEST_TOKEN);
        if (url == null || url.isBlank() || requestToken == null || requestToken.isBlank()) {
            throw new IdTokenException("--oidc github needs " + REQUEST_URL + " and " + REQUEST_TOKEN
                    + ", which GitHub Actions sets only in a job with `permissions: id-token: write`; add it to the job");
        }
        if (audience == null || audience.isBlank()) {
            throw new IdTokenException("--oidc-audience must not be empty: it is the aud the ledger expects");
        }
        String separator = url.contains("?") ? "&" : "?";
        URI request;
        try {
            request = URI.create(url.strip() + separator + "audience=" + URLEncoder.encode(audience.strip(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IdTokenException(REQUEST_URL + " is not a URL", e);
        }
        return new GitHubIdToken(request, requestToken.strip(), retry, Clock.systemUTC());
    }

    @Override
    public synchronized String token() {
        if (token == null || (expiresAt != null && clock.instant().isAfter(expiresAt.minus(MARGIN)))) {
            fetch();
        }
        return token;
    }

    @Override
    public synchronized boolean renew() {
        fetch();
        return true;
    }

    private void fetch() {
        HttpRequest request = HttpRequest.newBuilder(requestUrl).timeout(Duration.ofSeconds(30))
                .header("Authorization", "bearer " + requestToken).header("Accept", "application/json").GET().build();
        IOException last = null;
        for (int attempt = 1; attempt <= retry.attempts(); attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 == 5 && attempt < retry.attempts()) {
                    pause(attempt);
                    continue;
                }
                accept(response);
                return;
            } catch (IOException e) {
                last = e;
                if (attempt < retry.attempts()) {
                    pause(attempt);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LedgerUnreachableException("interrupted while asking GitHub for the job's ID token", e);
            }
        }
        throw new LedgerUnreachableException("GitHub's ID token endpoint (" + REQUEST_URL + ") is unreachable after "
                + retry.attempts() + " attempts: " + last.getMessage(), last);
    }

    private void accept(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IdTokenException("GitHub refused the job's ID token request (HTTP " + response.statusCode()
                    + "); the job needs `permissions: id-token: write`, and " + REQUEST_TOKEN + " is only valid in its own job");
        }
        JsonNode value;
        try {
            value = LedgerJson.MAPPER.readTree(response.body()).get("value");
        } catch (IOException e) {
            throw new IdTokenException("GitHub's ID token answer is not JSON", e);
        }
        if (value == null || !value.isTextual() || !IdTokens.looksLikeJwt(value.asText())) {
            throw new IdTokenException("GitHub's ID token answer has no token in \"value\"");
        }
        token = value.asText();
        expiresAt = IdTokens.expiry(token).orElse(null);
    }

    private void pause(int attempt) {
        try {
            Thread.sleep(retry.delayAfter(attempt, null).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerUnreachableException("interrupted while waiting to ask GitHub again", e);
        }
    }
}
