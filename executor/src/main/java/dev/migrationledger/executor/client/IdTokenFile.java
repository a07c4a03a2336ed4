package dev.migrationledger.executor.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An OIDC ID token a CI platform wrote to a file: GitLab's {@code id_tokens} (written out by the job),
 * or any platform that mounts one (Kubernetes projected service-account tokens are rewritten in place).
 * Read when first needed and again when the ledger refuses it, so a rotated file is picked up.
 */
public final class IdTokenFile implements Credentials {

    private static final long MAX_BYTES = 64 * 1024;

    private final Path file;
    private String token;

    public IdTokenFile(Path file) {
        this.file = file;
    }

    @Override
    public synchronized String token() {
        if (token == null) {
            token = read();
        }
        return token;
    }

    @Override
    public synchronized boolean renew() {
        String previous = token;
        token = read();
        return !token.equals(previous);
    }

    private String read() {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IdTokenException("--oidc-token-file " + file + " is larger than an ID token can be");
            }
            String value = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (!IdTokens.looksLikeJwt(value)) {
                throw new IdTokenException("--oidc-token-file " + file + " does not hold a JWT (header.payload.signature)");
            }
            return value;
        } catch (IOException e) {
            throw new IdTokenException("cannot read --oidc-token-file " + file + ": " + e.getMessage(), e);
        }
    }
}
