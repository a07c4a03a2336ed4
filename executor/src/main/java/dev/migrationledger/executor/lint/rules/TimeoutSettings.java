package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.sql.DdlFact;
import dev.migrationledger.executor.sql.Locks;
import java.util.Optional;

/** Where a script first takes ACCESS EXCLUSIVE on an existing table before setting a given timeout. */
final class TimeoutSettings {

    private TimeoutSettings() {
    }

    /** The first such statement's fact, or empty when the setting comes first (or no such lock is taken). */
    static Optional<DdlFact> firstExclusiveLockWithout(LintContext context, String setting) {
        for (DdlFact fact : context.facts().toList()) {
            if (fact instanceof DdlFact.Setting s && s.name().equals(setting)) {
                return Optional.empty();
            }
            Optional<Locks.TableLock> lock = Locks.of(fact);
            if (lock.isPresent() && lock.get().blocksReads() && context.existing(lock.get().table())) {
                return Optional.of(fact);
            }
        }
        return Optional.empty();
    }
}
