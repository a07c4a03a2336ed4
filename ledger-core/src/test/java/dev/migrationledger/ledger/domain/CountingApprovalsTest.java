package dev.migrationledger.ledger.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class CountingApprovalsTest {

    private static final String SUM = "a".repeat(64);
    private static final Function<CountingApprovals.Vote, CountingApprovals.Vote> SELF = v -> v;

    private static List<CountingApprovals.Vote> counting(List<CountingApprovals.Vote> live, String environment) {
        return CountingApprovals.select(live, SELF, SUM, environment, "alice", "ci-bot");
    }

    @Test
    void anApprovalCountsForItsEnvironmentOrAllAndOnlyForThePlannedChecksum() {
        var all = new CountingApprovals.Vote("bob", SUM, null);
        var prod = new CountingApprovals.Vote("carol", SUM, "prod");
        var stale = new CountingApprovals.Vote("dave", "b".repeat(64), null);
        assertThat(counting(List.of(all, prod, stale), "prod")).containsExactly(all, prod);
        assertThat(counting(List.of(all, prod, stale), "dev")).containsExactly(all);
    }

    @Test
    void aPrincipalCountsOnceInWhateverCaseAndTheFirstApprovalIsTheOneListed() {
        var first = new CountingApprovals.Vote("Bob", SUM, "prod");
        var again = new CountingApprovals.Vote("bob", SUM, null);
        assertThat(counting(List.of(first, again), "prod")).containsExactly(first);
        assertThat(counting(List.of(first, again), "dev")).containsExactly(again);
    }

    @Test
    void neitherTheAuthorNorThePlannerCountsInAnyCase() {
        var author = new CountingApprovals.Vote("ALICE", SUM, null);
        var planner = new CountingApprovals.Vote("Ci-Bot", SUM, null);
        var other = new CountingApprovals.Vote("bob", SUM, null);
        assertThat(counting(List.of(author, planner, other), "prod")).containsExactly(other);
    }
}
