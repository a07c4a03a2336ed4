package dev.migrationledger.ledger.domain;

import dev.migrationledger.ledger.api.MigrationDefinition;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates and normalizes a plan request: canonical version keys, defaults (risk from the change
 * class, phase NONE, rollback FORWARD_FIX, author = the caller), expand/contract references, and the
 * checksum pin of R1. Every problem of every migration is reported at once.
 */
final class PlanCheck {

    static final int MAX_BATCH = 1000;

    private final ProjectState state;

    PlanCheck(ProjectState state) {
        this.state = state;
    }

    List<MigrationDefinition> normalize(List<MigrationDefinition> requested, String actor) {
        InputCheck check = new InputCheck();
        if (requested == null || requested.isEmpty() || requested.size() > MAX_BATCH) {
            check.invalid("migrations", "a plan has 1 to " + MAX_BATCH + " migrations");
            check.throwIfInvalid();
        }
        List<MigrationDefinition> normalized = new java.util.ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            MigrationDefinition m = requested.get(i);
            String at = "migrations[" + i + "]";
            if (m == null) {
                check.invalid(at, at + " is empty");
                continue;
            }
            InputCheck one = new InputCheck()
                    .version(at + ".version", m.version())
                    .checksum(at + ".checksum", m.checksum())
                    .text(at + ".description", m.description(), false)
                    .text(at + ".ticket", m.ticket(), false)
                    .require(m.changeClass() != null, at + ".changeClass",
                            "changeClass is required: ADDITIVE, TRANSFORMATIVE or DESTRUCTIVE")
                    .optionalKey(at + ".author", m.author());
            if (m.expands() != null) {
                one.version(at + ".expands", m.expands());
            }
            one.reasons().forEach(check::add);
            if (!one.ok()) {
                continue;
            }
            MigrationDefinition n = withDefaults(m, actor);
            if (!keys.add(n.version())) {
                check.invalid(at + ".version", "version " + n.version() + " appears twice in the plan");
            }
            normalized.add(n);
        }
        check.throwIfInvalid();
        for (int i = 0; i < normalized.size(); i++) {
            judge(normalized.get(i), "migrations[" + i + "]", keys, check);
        }
        check.throwIfInvalid();
        return normalized;
    }

    private void judge(MigrationDefinition m, String at, Set<String> inRequest, InputCheck check) {
        Version version = Version.parse(m.version());
        if (m.phase() == Phase.CONTRACT && m.expands() == null) {
            check.invalid(at + ".expands", "a CONTRACT migration names the version it contracts in expands (R7)");
        }
        if (m.expands() != null) {
            Version expands = Version.parse(m.expands());
            if (version.isRepeatable() || expands.isRepeatable() || expands.compareTo(version) >= 0) {
                check.invalid(at + ".expands", "expands names a lower versioned migration");
            } else if (state.migration(expands.key()) == null && !inRequest.contains(expands.key())) {
                check.add(ReasonCode.UNKNOWN_MIGRATION.reason("expands " + expands.key() + " is not planned", at + ".expands"));
            }
        }
        MigrationDefinition current = state.migration(m.version());
        String pin = state.pinnedChecksum(m.version());
        boolean changed = pin != null && !pin.isEmpty() ? !pin.equals(m.checksum())
                : current != null && !current.checksum().equals(m.checksum()) && state.hasSucceededAnywhere(m.version());
        if (changed) {
            check.add(ReasonCode.CHECKSUM_PINNED.reason("version " + m.version() + " succeeded with checksum "
                    + state.pinnedChecksum(m.version()) + "; its script can no longer change — add a new migration instead",
                    at + ".checksum"));
        }
    }

    private static MigrationDefinition withDefaults(MigrationDefinition m, String actor) {
        Risk risk = m.risk() != null ? m.risk() : switch (m.changeClass()) {
            case ADDITIVE -> Risk.LOW;
            case TRANSFORMATIVE -> Risk.MEDIUM;
            case DESTRUCTIVE -> Risk.HIGH;
        };
        return new MigrationDefinition(
                Version.parse(m.version()).key(),
                m.description() == null ? "" : m.description().strip(),
                Checksum.parse(m.checksum()).hex(),
                m.changeClass(),
                risk,
                m.phase() == null ? Phase.NONE : m.phase(),
                m.expands() == null ? null : Version.parse(m.expands()).key(),
                m.rollback() == null ? RollbackStrategy.FORWARD_FIX : m.rollback(),
                m.ticket(),
                m.author() == null || m.author().isBlank() ? actor : m.author());
    }
}
