package dev.migrationledger.ledger.domain;

import dev.migrationledger.ledger.api.ChangeReviewed;
import dev.migrationledger.ledger.api.EmergencyReview;
import dev.migrationledger.ledger.api.ListReviews;
import dev.migrationledger.ledger.api.MigrationApplied;
import dev.migrationledger.ledger.api.ReviewChange;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static dev.migrationledger.ledger.domain.Given.*;
import static dev.migrationledger.ledger.domain.LedgerMatchers.rejectedWith;

/** Emergency changes (§10): facts outside the gate open a review that another approver closes. */
class ReviewsTest extends ProjectFixtureTest {

    private static MigrationApplied hotfix(List<Reason> violations) {
        MigrationApplied a = applied(PROD, "7");
        return new MigrationApplied(a.project(), a.environment(), a.version(), a.checksum(), "hotfix-1", null, null,
                a.startedAt(), a.finishedAt(), null, null, a.tool(), null, violations, EARLIER, EARLIER, CI);
    }

    private static final List<Reason> OUTSIDE_THE_GATE = List.of(
            ReasonCode.UNPLANNED.reason("7 was never planned"), ReasonCode.UNAUTHORIZED.reason("no authorization"),
            ReasonCode.OUT_OF_ORDER.reason("apply 1 first"));

    @SuppressWarnings("unchecked")
    private static Matcher<Object> reviews(Predicate<List<EmergencyReview>> check, String description) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof List<?> list && check.test((List<EmergencyReview>) list);
            }

            @Override
            public void describeTo(Description d) {
                d.appendText(description);
            }
        };
    }

    @Test
    void anotherApproverClosesTheReview() {
        given(projectRegistered(), hotfix(OUTSIDE_THE_GATE))
                .when(new ReviewChange(PROJECT, "hotfix-1", "checked the hotfix; ticket OPS-9", APPROVER_1))
                .expectEvents(new ChangeReviewed(PROJECT, "hotfix-1", PROD, "7", CI, "checked the hotfix; ticket OPS-9",
                        NOW, NOW, APPROVER_1));
    }

    @Test
    void theFactsActorCannotReviewIt() {
        given(projectRegistered(), hotfix(OUTSIDE_THE_GATE))
                .when(new ReviewChange(PROJECT, "hotfix-1", "fine", CI))
                .expectException(rejectedWith(ReasonCode.SELF_APPROVAL));
    }

    @Test
    void aFactWithoutAnOpeningViolationHasNoReview() {
        given(projectRegistered(), hotfix(List.of(ReasonCode.OUT_OF_ORDER.reason("apply 1 first"))))
                .when(new ReviewChange(PROJECT, "hotfix-1", "fine", APPROVER_1))
                .expectException(rejectedWith(ReasonCode.INVALID_INPUT));
    }

    @Test
    void aReviewIsClosedOnceAndARepeatChangesNothing() {
        given(projectRegistered(), hotfix(OUTSIDE_THE_GATE),
                new ChangeReviewed(PROJECT, "hotfix-1", PROD, "7", CI, "ok", EARLIER, EARLIER, APPROVER_1))
                .when(new ReviewChange(PROJECT, "hotfix-1", "ok", APPROVER_1))
                .expectNoEvents();
    }

    @Test
    void anOpenReviewIsOverduePastReviewWithinAndListsItsOpeningViolations() {
        Instant later = EARLIER.plus(Duration.ofDays(3)).plusSeconds(1);
        given(projectRegistered(), hotfix(OUTSIDE_THE_GATE))
                .when(new ListReviews(PROJECT, "overdue", later))
                .expectResultMessagePayloadMatching(reviews(list -> list.size() == 1
                        && list.get(0).state().equals("overdue")
                        && list.get(0).violations().equals(List.of("UNAUTHORIZED", "UNPLANNED"))
                        && list.get(0).dueAt().equals(EARLIER.plus(Duration.ofDays(3))), "one overdue review"));
    }

    @Test
    void aShorterReviewWithinMakesItOverdueSooner() {
        EnvironmentPolicy fast = new EnvironmentPolicy(2, Set.of(ChangeClass.DESTRUCTIVE), STAGING, false, false,
                BackupVerification.DECLARED, "PT12H");
        given(projectRegistered(), policyChanged(PROD, fast), hotfix(OUTSIDE_THE_GATE))
                .when(new ListReviews(PROJECT, "open", EARLIER.plus(Duration.ofHours(13))))
                .expectResultMessagePayloadMatching(reviews(list -> list.get(0).state().equals("overdue"),
                        "open lists overdue ones too"));
    }

    @Test
    void reviewsAreListedForOneEnvironmentWhenOneIsNamed() {
        given(projectRegistered(), hotfix(OUTSIDE_THE_GATE))
                .when(new ListReviews(PROJECT, "open", NOW, STAGING))
                .expectResultMessagePayloadMatching(reviews(List::isEmpty, "none in staging"));
        given(projectRegistered(), hotfix(OUTSIDE_THE_GATE))
                .when(new ListReviews(PROJECT, "open", null, STAGING))
                .expectResultMessagePayloadMatching(reviews(List::isEmpty, "none in staging, as of now"));
        given(projectRegistered(), hotfix(OUTSIDE_THE_GATE))
                .when(new ListReviews(PROJECT, "open", NOW, PROD))
                .expectResultMessagePayloadMatching(reviews(list -> list.size() == 1
                        && list.get(0).environment().equals(PROD), "the prod hotfix's"));
    }

    @Test
    void closedReviewsAreListedWithTheirReviewer() {
        given(projectRegistered(), hotfix(OUTSIDE_THE_GATE),
                new ChangeReviewed(PROJECT, "hotfix-1", PROD, "7", CI, "ok", EARLIER, EARLIER, APPROVER_1))
                .when(new ListReviews(PROJECT, "closed", NOW))
                .expectResultMessagePayloadMatching(reviews(list -> list.size() == 1
                        && APPROVER_1.equals(list.get(0).reviewedBy()) && "ok".equals(list.get(0).comment()),
                        "closed by bob"));
    }
}
