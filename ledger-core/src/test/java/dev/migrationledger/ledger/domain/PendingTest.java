package dev.migrationledger.ledger.domain;

import dev.migrationledger.ledger.api.AssessPending;
import dev.migrationledger.ledger.api.PendingMigration;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Predicate;

import static dev.migrationledger.ledger.domain.Given.*;
import static dev.migrationledger.ledger.domain.LedgerMatchers.rejectedWith;

/** What awaits each environment: the reasons the gate would give now, and approvals n of m. */
class PendingTest extends ProjectFixtureTest {

    @SuppressWarnings("unchecked")
    private static Matcher<Object> pending(Predicate<List<PendingMigration>> check, String description) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof List<?> list && check.test((List<PendingMigration>) list);
            }

            @Override
            public void describeTo(org.hamcrest.Description d) {
                d.appendText(description);
            }
        };
    }

    private static List<ReasonCode> codes(PendingMigration p) {
        return p.blockedBy().stream().map(Reason::code).toList();
    }

    @Test
    void prodListsApprovalsOfTheRequiredAndEveryBlockingRule() {
        given(projectRegistered(), plannedDestructive("1"), approved("1", APPROVER_1))
                .when(new AssessPending(PROJECT, PROD))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(pending(list -> list.size() == 1
                        && list.get(0).approvals() == 1 && list.get(0).requiredApprovals() == 2
                        && list.get(0).approvers().equals(List.of(APPROVER_1))
                        && list.get(0).backupRequired()
                        && list.get(0).plannedBy().equals(PLANNER) && list.get(0).author().equals(AUTHOR)
                        && codes(list.get(0)).equals(List.of(ReasonCode.NO_APPROVAL, ReasonCode.NO_BACKUP,
                                ReasonCode.NOT_PROMOTED)),
                        "1 of 2 approvals, no backup, not promoted"));
    }

    @Test
    void anApprovalOfAnotherChecksumDoesNotCount() {
        given(projectRegistered(), planned("1"), approved("1", APPROVER_1, otherChecksum("1")))
                .when(new AssessPending(PROJECT, PROD))
                .expectResultMessagePayloadMatching(pending(list -> list.get(0).approvals() == 0,
                        "no counting approval"));
    }

    @Test
    void appliedVersionsAreNotPendingAndReadyOnesHaveNoReasons() {
        given(projectRegistered(), planned("1"), planned("2"), applied(DEV, "1"))
                .when(new AssessPending(PROJECT, DEV))
                .expectResultMessagePayloadMatching(pending(list -> list.size() == 1
                        && list.get(0).version().equals("2") && list.get(0).ready(), "only 2, ready"));
    }

    @Test
    void aLaterVersionWaitsForTheEarlierOne() {
        given(projectRegistered(), planned("1"), planned("2"))
                .when(new AssessPending(PROJECT, DEV))
                .expectResultMessagePayloadMatching(pending(list -> list.size() == 2 && list.get(0).ready()
                        && codes(list.get(1)).equals(List.of(ReasonCode.OUT_OF_ORDER)), "2 waits for 1"));
    }

    @Test
    void withoutAnEnvironmentEveryEnvironmentIsListedInOrder() {
        given(projectRegistered(), planned("1"))
                .when(new AssessPending(PROJECT, null))
                .expectResultMessagePayloadMatching(pending(list -> list.stream().map(PendingMigration::environment)
                        .toList().equals(List.of(DEV, STAGING, PROD)), "dev, staging, prod"));
    }

    @Test
    void anUnknownEnvironmentIsRejected() {
        given(projectRegistered())
                .when(new AssessPending(PROJECT, "qa"))
                .expectException(rejectedWith(ReasonCode.UNKNOWN_ENVIRONMENT));
    }
}
