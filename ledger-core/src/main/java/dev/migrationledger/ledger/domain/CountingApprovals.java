package dev.migrationledger.ledger.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * SPEC §5 R2, the one implementation of "which approvals count": the aggregate judges authorizations with it,
 * receipts list what it selects, the compliance report copies what it selects and the receipt verifier re-checks
 * a receipt's list with it, so none of them can count an approval another would not.
 *
 * <p>An approval counts for a migration in an environment when it is live (neither revoked nor voided by a
 * replan: the caller passes only live ones, as each keeps liveness its own way), binds the migration's planned
 * checksum, names that environment or none, was given by a principal who neither authored nor planned the
 * migration as it stands ({@link SeparationOfDuties}: a replan may make an approver the author) and is the first
 * of its approver: principals differing only in case are one person, counted once.
 */
public final class CountingApprovals {

    /** What of an approval the rule reads. */
    public record Vote(String approver, String checksum, String environment) {
    }

    private CountingApprovals() {
    }

    /**
     * The approvals among {@code live} (in recorded order) that count for a migration planned with
     * {@code checksum}, authored by {@code author} and planned by {@code planner}, in {@code environment};
     * in recorded order.
     */
    public static <A> List<A> select(Collection<A> live, Function<? super A, Vote> vote, String checksum,
                                     String environment, String author, String planner) {
        Set<String> seen = new HashSet<>();
        List<A> counting = new ArrayList<>();
        for (A approval : live) {
            Vote v = vote.apply(approval);
            if (v.checksum() != null && v.checksum().equals(checksum)
                    && (v.environment() == null || v.environment().equals(environment))
                    && SeparationOfDuties.mayApprove(v.approver(), author, planner)
                    && seen.add(principal(v.approver()))) {
                counting.add(approval);
            }
        }
        return counting;
    }

    /** The principal an approver name stands for: names differing only in case are one principal. */
    public static String principal(String approver) {
        return approver.toLowerCase(Locale.ROOT);
    }
}
