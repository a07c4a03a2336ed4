package dev.migrationledger.executor.flyway;

import java.time.Instant;
import java.util.Set;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * The ledger gate inside Flyway's run. It never talks to the ledger: callbacks run while a migration's
 * transaction is open, and an HTTP call there would hold locks on the target for as long as the network
 * takes. It only (a) refuses a migration the ledger did not authorize, (b) stops before the repeatables
 * when they were not all authorized (Flyway's {@code target} bounds versions, never repeatables),
 * (c) tracks start time and outcome for progress and for a failure that leaves no history row.
 */
public final class LedgerGateCallback implements Callback {

    private final Set<String> authorized;
    private final boolean repeatablesAuthorized;
    private final Progress progress;

    private String currentKey;
    private String currentDescription;
    private Instant currentStart;
    private boolean stoppedBeforeRepeatables;
    private String refused;

    public LedgerGateCallback(Set<String> authorized, boolean repeatablesAuthorized, Progress progress) {
        this.authorized = Set.copyOf(authorized);
        this.repeatablesAuthorized = repeatablesAuthorized;
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
                currentKey = key;
                currentDescription = info.getDescription();
                currentStart = Instant.now();
                if (!authorized.contains(key)) {
                    refused = key;
                    throw new FlywayException("the ledger did not authorize " + key + "; not applying it");
                }
                progress.applying(key, currentDescription);
            }
            case AFTER_EACH_MIGRATE -> {
                progress.finished(key, info.getDescription(), "applied", elapsedMillis());
                currentKey = null;
            }
            case AFTER_EACH_MIGRATE_ERROR -> progress.finished(key, info.getDescription(), "FAILED", elapsedMillis());
            default -> {
            }
        }
    }

    private long elapsedMillis() {
        return currentStart == null ? 0 : Instant.now().toEpochMilli() - currentStart.toEpochMilli();
    }

    @Override
    public String getCallbackName() {
        return "ledger-gate";
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

    /** A migration Flyway wanted to run that the ledger had not authorized (the directory changed under us). */
    public String refused() {
        return refused;
    }
}
