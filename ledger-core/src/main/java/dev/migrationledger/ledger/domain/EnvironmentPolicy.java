package dev.migrationledger.ledger.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * What an environment demands before a migration may run there (SPEC §3). {@code promoteFrom}
 * names another environment of the project, or is null.
 */
public record EnvironmentPolicy(int requiredApprovals,
                                Set<ChangeClass> backupRequiredFor,
                                String promoteFrom,
                                boolean outOfOrder,
                                boolean frozen,
                                BackupVerification backupVerification,
                                String reviewWithin) {

    /** Emergency changes are reviewed within three days unless a policy says otherwise (§10). */
    public static final String DEFAULT_REVIEW_WITHIN = "P3D";

    public static final int MAX_APPROVALS = 20;

    public EnvironmentPolicy(int requiredApprovals, Set<ChangeClass> backupRequiredFor, String promoteFrom,
                             boolean outOfOrder, boolean frozen) {
        this(requiredApprovals, backupRequiredFor, promoteFrom, outOfOrder, frozen, BackupVerification.DECLARED,
                DEFAULT_REVIEW_WITHIN);
    }

    /** R2: whether a migration needs approvals before it may run here; every change class counts the same. */
    public boolean requiresApprovals() {
        return requiredApprovals > 0;
    }

    /** Parsed once per text: Duration.parse runs regular expressions, and every listed review asks for its deadline. */
    private static final java.util.Map<String, java.time.Duration> DEADLINES = new java.util.concurrent.ConcurrentHashMap<>();

    /** {@code reviewWithin} as a duration. */
    public java.time.Duration reviewDeadline() {
        return DEADLINES.computeIfAbsent(reviewWithin, java.time.Duration::parse);
    }

    public EnvironmentPolicy {
        if (requiredApprovals < 0 || requiredApprovals > MAX_APPROVALS) {
            throw new IllegalArgumentException("requiredApprovals is between 0 and " + MAX_APPROVALS);
        }
        backupRequiredFor = backupRequiredFor == null || backupRequiredFor.isEmpty()
                ? Set.of() : Set.copyOf(EnumSet.copyOf(backupRequiredFor));
        // policies recorded before backupVerification existed counted every backup
        backupVerification = backupVerification == null ? BackupVerification.DECLARED : backupVerification;
        reviewWithin = reviewWithin == null ? DEFAULT_REVIEW_WITHIN : reviewWithin.strip();
        try {
            if (java.time.Duration.parse(reviewWithin).isNegative()) {
                throw new IllegalArgumentException("reviewWithin is not negative");
            }
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("reviewWithin is an ISO-8601 duration such as P3D or PT12H, got: "
                    + reviewWithin);
        }
    }

    /** The default: no approvals; backups before destructive changes only in the last environment. */
    public static EnvironmentPolicy defaults(boolean lastEnvironment) {
        return new EnvironmentPolicy(0,
                lastEnvironment ? Set.of(ChangeClass.DESTRUCTIVE) : Set.of(), null, false, false);
    }
}
