package dev.migrationledger.service.security;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A token as stored: never the secret itself. */
public record ApiToken(UUID id, String principal, List<Role> roles, Instant createdAt, String createdBy,
                       Instant revokedAt) {
}
