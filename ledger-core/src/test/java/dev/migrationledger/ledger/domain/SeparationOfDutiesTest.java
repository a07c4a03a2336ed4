package dev.migrationledger.ledger.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeparationOfDutiesTest {

    @Test
    void neitherTheAuthorNorThePlannerMayApproveInAnyCase() {
        assertThat(SeparationOfDuties.mayApprove("bob", "alice", "ci")).isTrue();
        assertThat(SeparationOfDuties.mayApprove("Alice", "alice", "ci")).isFalse();
        assertThat(SeparationOfDuties.mayApprove("CI", "alice", "ci")).isFalse();
        assertThat(SeparationOfDuties.mayApprove("bob", null, null)).isTrue();
        assertThat(SeparationOfDuties.mayApprove(null, "alice", "ci")).isFalse();
    }
}
