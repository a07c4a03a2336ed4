package dev.migrationledger.ledger.domain;

import dev.migrationledger.ledger.api.ChangeReviewed;
import dev.migrationledger.ledger.api.EmergencyReview;
import dev.migrationledger.ledger.api.ListReviews;
import dev.migrationledger.ledger.api.ReviewChange;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Emergency changes (§10): which facts open a review, who may close it, and when it is overdue. One implementation
 * for the review command, the reviews list, the compliance report and receipts.
 */
public final class EmergencyReviews {

    /** Violations that make a fact an emergency change: it ran outside the gate, or without what the gate demands. */
    static final Set<ReasonCode> OPENING = Set.of(ReasonCode.UNAUTHORIZED, ReasonCode.UNPLANNED,
            ReasonCode.NO_APPROVAL, ReasonCode.NO_BACKUP);

    static final List<String> STATES = List.of("open", "overdue", "closed");

    private final ProjectState state;
    private final String projectId;

    EmergencyReviews(ProjectState state, String projectId) {
        this.state = state;
        this.projectId = projectId;
    }

    /** The violations among these that open a review, by name; empty when the fact needs none. */
    public static List<String> openingCodes(List<Reason> violations) {
        return violations == null ? List.of() : violations.stream().map(Reason::code).filter(OPENING::contains)
                .map(Enum::name).distinct().sorted().toList();
    }

    /** The review closing the change, or nothing when this reviewer closed it before with this comment. */
    Optional<ChangeReviewed> review(ReviewChange cmd, Instant now) {
        InputCheck check = new InputCheck().key("reviewId", cmd.reviewId()).text("comment", cmd.comment(), true);
        check.throwIfInvalid();
        ProjectState.Review review = state.review(cmd.reviewId());
        if (review == null) {
            throw new CommandRejectedException(ReasonCode.INVALID_INPUT.reason("project " + projectId
                    + " has no emergency-change review " + cmd.reviewId() + "; GET …/reviews?state=open lists them",
                    "reviewId"));
        }
        if (review.reviewedBy() != null) {
            if (review.reviewedBy().equalsIgnoreCase(cmd.actor()) && cmd.comment().equals(review.comment())) {
                return Optional.empty();
            }
            throw new CommandRejectedException(ReasonCode.INVALID_INPUT.reason("review " + cmd.reviewId()
                    + " was closed by " + review.reviewedBy() + " at " + review.reviewedAt(), "reviewId"));
        }
        if (review.factActor().equalsIgnoreCase(cmd.actor())) {
            throw new CommandRejectedException(ReasonCode.SELF_APPROVAL.reason(cmd.actor() + " recorded the change "
                    + cmd.reviewId() + " and cannot review it; another approver must"));
        }
        return Optional.of(new ChangeReviewed(projectId, cmd.reviewId(), review.environment(), review.version(), review.factActor(),
                cmd.comment(), now, now, cmd.actor()));
    }

    List<EmergencyReview> list(ListReviews cmd) {
        String wanted = cmd.state() == null ? null : cmd.state().strip().toLowerCase(Locale.ROOT);
        if (wanted != null && !STATES.contains(wanted)) {
            throw new CommandRejectedException(ReasonCode.INVALID_INPUT.reason(
                    "state is open, overdue or closed, got: " + cmd.state(), "state"));
        }
        Instant at = cmd.at();
        return state.reviews().stream()
                .filter(r -> cmd.environment() == null || cmd.environment().equals(r.environment()))
                .map(r -> view(r, at))
                .filter(v -> wanted == null || v.state().equals(wanted)
                        || ("open".equals(wanted) && "overdue".equals(v.state())))
                .toList();
    }

    /** When a review opened at {@code openedAt} in an environment with this policy is due. */
    public static Instant dueAt(Instant openedAt, EnvironmentPolicy policy) {
        return openedAt.plus(policy.reviewDeadline());
    }

    EmergencyReview view(ProjectState.Review r, Instant at) {
        Instant due = dueAt(r.openedAt(), state.policy(r.environment()));
        String s = r.reviewedBy() != null ? "closed" : at.isAfter(due) ? "overdue" : "open";
        return new EmergencyReview(r.reviewId(), r.environment(), r.version(), r.factActor(), r.violations(),
                r.openedAt(), due, s, r.reviewedBy(), r.reviewedAt(), r.comment());
    }
}
