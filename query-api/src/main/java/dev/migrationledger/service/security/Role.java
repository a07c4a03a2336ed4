package dev.migrationledger.service.security;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What a token may do (SPEC §7). Roles do not imply each other: an admin is not an approver. */
public enum Role {
    /** plan, authorize, record facts, drift scans, imports */
    CI,
    /** approve, revoke approvals, record verified backups, corrections */
    APPROVER,
    /** read everything: receipts, reports, the log */
    AUDITOR,
    /** projects, policies, tokens, key rotation, projection rebuilds */
    ADMIN;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Role fromWire(String name) {
        for (Role role : values()) {
            if (role.wireName().equals(name)) {
                return role;
            }
        }
        throw new IllegalArgumentException("role is one of ci, approver, auditor, admin");
    }

    public String authority() {
        return "ROLE_" + name();
    }
}
