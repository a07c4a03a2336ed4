package dev.migrationledger.ledger.api;

import java.util.List;

/** {@code PUT/GET /schema-snapshots/{fingerprint}}: the canonical lines whose SHA-256 is the fingerprint. */
public record SchemaLines(List<String> lines) {
}
