package dev.migrationledger.service.notifications;

import dev.migrationledger.ledger.api.*;
import dev.migrationledger.ledger.domain.EnvironmentPolicy;
import dev.migrationledger.ledger.domain.Reason;
import dev.migrationledger.ledger.domain.ReasonCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What a ledger event is worth telling people (SPEC §10): its notification type and a one-line summary.
 *
 * @param environment null for a project-wide event (a plan needing approvals in several environments)
 * @param version     null when the event names none
 */
public record Notification(String type, String environment, String version, String summary) {

    /**
     * The notifications an event raises, none for most; a failed apply outside the gate raises two.
     *
     * @param policies the project's environments and their policies at this point of the stream, read only for
     *                 plans: a plan needs approval only where a policy requires it
     */
    public static List<Notification> of(LedgerEvent event, Supplier<Map<String, EnvironmentPolicy>> policies) {
        List<Notification> raised = new ArrayList<>();
        if (event instanceof MigrationPlanned e && !e.unplannedFact()) {
            approvalNeeded(e.migration(), policies.get(), needing -> e.project() + ": " + describe(e.migration())
                    + " was planned by " + e.actor() + " and awaits approval of checksum " + e.migration().checksum()
                    + " in " + needing).ifPresent(raised::add);
        } else if (event instanceof MigrationReplanned e) {
            approvalNeeded(e.migration(), policies.get(), needing -> e.project() + ": " + describe(e.migration())
                    + " was replanned by " + e.actor() + " with checksum " + e.migration().checksum()
                    + " and awaits approval in " + needing + (e.voidedApprovals().isEmpty() ? ""
                    : "; " + e.voidedApprovals().size() + " earlier approval(s) no longer count")).ifPresent(raised::add);
        } else if (event instanceof ExecutionDenied e) {
            raised.add(new Notification("authorization.denied", e.environment(), e.version(), e.project() + "/"
                    + e.environment() + ": " + e.actor() + " was denied " + e.version() + " (execution " + e.executionId()
                    + "): " + reasons(e.reasons())));
        } else if (event instanceof RecordedFact fact) {
            if (fact instanceof MigrationFailed e) {
                raised.add(new Notification("migration.failed", e.environment(), e.version(), e.project() + "/"
                        + e.environment() + ": " + e.version() + " failed (execution " + e.executionId() + ", reported by "
                        + e.actor() + "): " + firstLine(e.error())));
            }
            outsideTheGate(raised, fact.project(), fact.environment(), fact.version(),
                    fact.match(applied -> "was applied", failed -> "failed", rolledBack -> "was rolled back"),
                    fact.actor(), fact.violations());
        } else if (event instanceof DriftDetected e) {
            raised.add(new Notification("drift.detected", e.environment(), e.version(), e.project() + "/"
                    + e.environment() + ": " + e.kind() + (e.version() == null ? "" : " for " + e.version())
                    + (e.detail() == null ? "" : ": " + firstLine(e.detail()))));
        }
        return raised;
    }

    /** Names the environment when just one needs approvals, as the other environment-bound messages do. */
    private static Optional<Notification> approvalNeeded(MigrationDefinition migration, Map<String, EnvironmentPolicy> policies,
                                                         Function<String, String> summary) {
        Map<String, EnvironmentPolicy> needing = new TreeMap<>();
        policies.forEach((environment, policy) -> {
            if (policy.requiresApprovals()) {
                needing.put(environment, policy);
            }
        });
        if (needing.isEmpty()) {
            return Optional.empty();
        }
        String where = needing.entrySet().stream().map(n -> n.getKey() + " (" + n.getValue().requiredApprovals()
                + " approval" + (n.getValue().requiredApprovals() == 1 ? "" : "s") + ")").collect(Collectors.joining(", "));
        return Optional.of(new Notification("approval.needed", needing.size() == 1 ? needing.keySet().iterator().next() : null,
                migration.version(), summary.apply(where)));
    }

    /** R8: a fact the gate never saw, an emergency change someone has to review. */
    private static void outsideTheGate(List<Notification> raised, String project, String environment, String version,
                                       String what, String actor, List<Reason> violations) {
        List<Reason> outside = violations == null ? List.of() : violations.stream()
                .filter(r -> r.code() == ReasonCode.UNAUTHORIZED || r.code() == ReasonCode.UNPLANNED).toList();
        if (!outside.isEmpty()) {
            raised.add(new Notification("fact.unauthorized", environment, version, project + "/" + environment + ": "
                    + version + " " + what + " outside the gate (reported by " + actor + "): " + reasons(violations)));
        }
    }

    private static String describe(MigrationDefinition m) {
        return m.version() + (m.description() == null || m.description().isBlank() ? "" : " (" + m.description() + ")")
                + (m.changeClass() == null ? "" : ", " + m.changeClass());
    }

    private static String reasons(List<Reason> reasons) {
        return reasons.stream().map(r -> r.code() + " " + r.message()).collect(Collectors.joining("; "));
    }

    private static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return "no error text";
        }
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
