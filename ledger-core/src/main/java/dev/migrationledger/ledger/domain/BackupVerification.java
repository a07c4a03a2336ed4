package dev.migrationledger.ledger.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Which backups R3 counts (SPEC §10 policy {@code backupVerification}): {@code declared} (the default) every
 * recorded backup, {@code restored} only backups whose restore was tested.
 */
public enum BackupVerification {
    DECLARED, RESTORED;

    @JsonCreator
    public static BackupVerification of(String text) {
        if (text == null) {
            return null;
        }
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("backupVerification is declared or restored, got: " + text);
        }
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
