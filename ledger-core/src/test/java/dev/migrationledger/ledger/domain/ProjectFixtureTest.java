package dev.migrationledger.ledger.domain;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;

/** A fresh fixture per test; given events happened {@link Given#EARLIER}, the command runs {@link Given#NOW}. */
abstract class ProjectFixtureTest {

    protected FixtureConfiguration<ProjectAggregate> fixture;

    @BeforeEach
    void createFixture() {
        fixture = new AggregateTestFixture<>(ProjectAggregate.class);
    }

    /** The given events, in order; lists among them are flattened. */
    protected TestExecutor<ProjectAggregate> given(Object... events) {
        return fixture.givenCurrentTime(Given.NOW).andGiven(Given.events(events));
    }
}
