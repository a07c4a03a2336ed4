package dev.migrationledger.ledger.domain;

import dev.migrationledger.ledger.api.ConfigureWebhook;
import dev.migrationledger.ledger.api.RemoveWebhook;
import dev.migrationledger.ledger.api.WebhookConfigured;
import dev.migrationledger.ledger.api.WebhookConfigured.Change;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.migrationledger.ledger.domain.Given.*;
import static dev.migrationledger.ledger.domain.LedgerMatchers.*;

/** Webhooks (SPEC §10) are configured and removed by admins, each change a WebhookConfigured on the project. */
class WebhooksTest extends ProjectFixtureTest {

    static final String URL = "https://hooks.example.com/ledger";
    static final String SECRET_SHA = "5".repeat(64);

    static ConfigureWebhook configure(String id, List<String> events, String format) {
        return new ConfigureWebhook(PROJECT, id, URL, events, format, SECRET_SHA, "admin");
    }

    static WebhookConfigured configured(String id, Change change, List<String> events, String format) {
        return new WebhookConfigured(PROJECT, id, change, URL, events, format, SECRET_SHA, EARLIER, EARLIER, "admin");
    }

    @Test
    void aWebhookIsRecordedWithItsEventsSortedAndDeduplicatedAndJsonByDefault() {
        given(projectRegistered())
                .when(configure("w1", List.of("migration.failed", "approval.needed", "migration.failed"), null))
                .expectEvents(new WebhookConfigured(PROJECT, "w1", Change.CONFIGURED, URL,
                        List.of("approval.needed", "migration.failed"), "json", SECRET_SHA, NOW, NOW, "admin"));
    }

    @Test
    void aWebhookWithEveryProblemIsRejectedWithEveryReasonAndNothingRecorded() {
        given(projectRegistered())
                .when(new ConfigureWebhook(PROJECT, "w1", "ftp://user:pw@host/x", List.of("nope"), "xml", "abc", "admin"))
                .expectException(rejectedWith(ReasonCode.INVALID_INPUT, ReasonCode.INVALID_INPUT, ReasonCode.INVALID_INPUT,
                        ReasonCode.INVALID_INPUT))
                .expectNoEvents();
    }

    @Test
    void credentialsInTheUrlAndAnEmptyEventListAreRejected() {
        given(projectRegistered())
                .when(new ConfigureWebhook(PROJECT, "w1", "https://user:pw@hooks.example.com/", List.of(), "slack",
                        SECRET_SHA, "admin"))
                .expectException(rejectedWith(ReasonCode.INVALID_INPUT, ReasonCode.INVALID_INPUT))
                .expectNoEvents();
    }

    @Test
    void reviewOverdueCanBeSubscribedTo() {
        given(projectRegistered())
                .when(configure("w1", List.of("review.overdue"), "json"))
                .expectEvents(new WebhookConfigured(PROJECT, "w1", Change.CONFIGURED, URL, List.of("review.overdue"), "json",
                        SECRET_SHA, NOW, NOW, "admin"));
    }

    @Test
    void configuringTheSameWebhookAgainRecordsNothing() {
        given(projectRegistered(), configured("w1", Change.CONFIGURED, List.of("drift.detected"), "slack"))
                .when(configure("w1", List.of("drift.detected"), "SLACK"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void configuringAnIdAgainWithOtherContentIsAConflict() {
        given(projectRegistered(), configured("w1", Change.CONFIGURED, List.of("drift.detected"), "slack"))
                .when(configure("w1", List.of("drift.detected"), "json"))
                .expectException(rejectedWith(ReasonCode.IDEMPOTENCY_CONFLICT));
    }

    @Test
    void removalCarriesTheWebhookAsItWas() {
        given(projectRegistered(), configured("w1", Change.CONFIGURED, List.of("drift.detected"), "json"))
                .when(new RemoveWebhook(PROJECT, "w1", "root"))
                .expectEvents(new WebhookConfigured(PROJECT, "w1", Change.REMOVED, URL, List.of("drift.detected"), "json",
                        SECRET_SHA, NOW, NOW, "root"));
    }

    @Test
    void removingTwiceRecordsOnce() {
        given(projectRegistered(), configured("w1", Change.CONFIGURED, List.of("drift.detected"), "json"),
                configured("w1", Change.REMOVED, List.of("drift.detected"), "json"))
                .when(new RemoveWebhook(PROJECT, "w1", "root"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aRemovedIdIsNotReused() {
        given(projectRegistered(), configured("w1", Change.CONFIGURED, List.of("drift.detected"), "json"),
                configured("w1", Change.REMOVED, List.of("drift.detected"), "json"))
                .when(configure("w1", List.of("drift.detected"), "json"))
                .expectException(rejectedWith(ReasonCode.IDEMPOTENCY_CONFLICT));
    }

    @Test
    void anUnknownWebhookCannotBeRemoved() {
        given(projectRegistered())
                .when(new RemoveWebhook(PROJECT, "w9", "admin"))
                .expectException(rejectedWith(ReasonCode.INVALID_INPUT));
    }
}
