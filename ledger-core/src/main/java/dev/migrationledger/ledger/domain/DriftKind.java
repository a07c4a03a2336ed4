package dev.migrationledger.ledger.domain;

/** The ways the real database can differ from what the ledger recorded (the {@code kind} of DriftDetected). */
public enum DriftKind {
    /** The ledger records the migration as applied; the database's history has no successful run of it. */
    MISSING_IN_DB,
    /** The database's history has a successful run the ledger has no applied record of. */
    UNKNOWN_IN_DB,
    /** Both know the migration, with different checksums (only when the scanner could compute ours). */
    CHECKSUM_DIFFERS,
    /** The database's history records a failed run with no later success. */
    FAILED_IN_DB,
    /** The live schema's fingerprint differs from the one recorded by the environment's last apply that carried one. */
    SCHEMA_CHANGED_OUTSIDE_MIGRATIONS
}
