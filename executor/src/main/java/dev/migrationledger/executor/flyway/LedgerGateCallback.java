package dev.migrationledger.executor.flyway;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * The ledger gate inside Flyway's run. It never talks to the ledger: callbacks run while a migration's
 * transaction is open, and an HTTP call there would hold locks on the target for as long as the network
 * takes. It only (a) refuses a migration the signed authorization does not grant, or any once that
 * authorization has expired (a long run never starts a migration under a stale one), (b) stops before the
 * repeatables when they were not all authorized (Flyway's {@code target} bounds versions, never repeatables),
 * (c) tracks start time and outcome for progress and for a failure that leaves no history row.
 */
public final class LedgerGateCallback implements Callback {

    private final Set<String> authorized;
    private final boolean repeatablesAuthorized;
    private final Instant expiresAt;
    private final Progress progress;

    private String currentKey;
    private String currentDescription;
    private Instant currentStart;
    private boolean stoppedBeforeRepeatables;
    private String refused;
    private final Map<String, LedgerOutbox.Observed> observed = new HashMap<>();

    /** @param expiresAt when the signed authorization ends; null: never (runs that re-apply nothing new) */
    public LedgerGateCallback(Set<String> authorized, boolean repeatablesAuthorized, Instant expiresAt,
                              Progress progress) {
        this.authorized = Set.copyOf(authorized);
        this.repeatablesAuthorized = repeatablesAuthorized;
        this.expiresAt = expiresAt;
        this.progress = progress;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE
                || event == Event.AFTER_EACH_MIGRATE_ERROR || event == Event.BEFORE_REPEATABLES;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        if (event == Event.BEFORE_REPEATABLES) {
            if (!repeatablesAuthorized) {
                stoppedBeforeRepeatables = true;
                throw new FlywayException("the ledger did not authorize every pending repeatable migration");
            }
            return;
        }
        MigrationInfo info = context.getMigrationInfo();
        String key = FlywayEngine.key(info);
        switch (event) {
            case BEFORE_EACH_MIGRATE -> {
                if (!authorized.contains(key)) {
                    refuse("the ledger did not authorize " + key + "; not applying it");
                }
                if (expiresAt != null && !Instant.now().isBefore(expiresAt)) {
                    refuse("the signed authorization expired at " + expiresAt + " before " + key
                            + " started; not applying it or anything after it — run ledger migrate again");
                }
                currentKey = key;
                currentDescription = info.getDescription();
                currentStart = Instant.now();
                progress.applying(key, currentDescription);
            }
            case AFTER_EACH_MIGRATE -> {
                observed.put(key, new LedgerOutbox.Observed(currentStart, Instant.now()));
                progress.finished(key, info.getDescription(), "applied", elapsedMillis());
                currentKey = null;
            }
            case AFTER_EACH_MIGRATE_ERROR -> progress.finished(key, info.getDescription(), "FAILED", elapsedMillis());
            default -> {
            }
        }
    }

    private void refuse(String why) {
        refused = why;
        throw new FlywayException(why);
    }

    private long elapsedMillis() {
        return currentStart == null ? 0 : Instant.now().toEpochMilli() - currentStart.toEpochMilli();
    }

    @Override
    public String getCallbackName() {
        return "ledger-gate";
    }

    /** When each migration this run applied started and ended, by version key, as seen from here. */
    public Map<String, LedgerOutbox.Observed> observed() {
        return Map.copyOf(observed);
    }

    /** The migration that was running when Flyway stopped with an error, or null. */
    public String failedKey() {
        return currentKey;
    }

    public Instant failedStart() {
        return currentStart;
    }

    public boolean stoppedBeforeRepeatables() {
        return stoppedBeforeRepeatables;
    }

    /** Why the gate stopped Flyway before a migration it may not run (not authorized, authorization expired), or null. */
    public String refused() {
        return refused;
    }
}
