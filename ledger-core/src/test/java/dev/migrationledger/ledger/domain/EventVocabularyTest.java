package dev.migrationledger.ledger.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.migrationledger.ledger.api.KeyRotated;
import dev.migrationledger.ledger.api.MigrationRolledBack;
import dev.migrationledger.ledger.api.RecordedFact;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static dev.migrationledger.ledger.domain.Given.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared interfaces of the events name what each kind of fact is, without changing what is stored. */
class EventVocabularyTest {

    /** As the service's Axon mapper writes payloads. */
    private static final ObjectMapper AXON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final MigrationRolledBack ROLLED_BACK = new MigrationRolledBack(PROJECT, DEV, "1", "rb-1",
            "broke checkout", Tool.FLYWAY, List.of(), EARLIER, EARLIER, CI);

    private static Stream<RecordedFact> facts() {
        return Stream.of(applied(DEV, "1"), failed(DEV, "1"), ROLLED_BACK);
    }

    @Test
    void aFactsStoredJsonHasItsRecordComponentsAndNothingTheInterfacesAdd() throws Exception {
        for (RecordedFact fact : facts().toList()) {
            List<String> fields = new ArrayList<>();
            AXON.readTree(AXON.writeValueAsBytes(fact)).fieldNames().forEachRemaining(fields::add);
            assertThat(fields).as(fact.getClass().getSimpleName()).containsExactlyElementsOf(
                    Arrays.stream(fact.getClass().getRecordComponents()).map(c -> c.getName()).toList());
        }
    }

    @Test
    void eachKindOfFactNamesItsOutcomeAndMatchesItsOwnHandler() {
        assertThat(facts().map(RecordedFact::outcome)).containsExactly(Outcome.APPLIED, Outcome.FAILED,
                Outcome.ROLLED_BACK);
        assertThat(facts().map(f -> f.match(a -> "applied", x -> "failed", r -> "rolled back")))
                .containsExactly("applied", "failed", "rolled back");
    }

    @Test
    void outcomesAreTheWireTextAndOnlyImportedHistoryHasNoReceipt() {
        assertThat(Arrays.stream(Outcome.values()).map(Enum::name))
                .containsExactly("APPLIED", "FAILED", "ROLLED_BACK", "BASELINE", "BASELINE_FAILED");
        assertThat(Arrays.stream(Outcome.values()).filter(o -> !o.witnessed()))
                .containsExactly(Outcome.BASELINE, Outcome.BASELINE_FAILED);
        assertThat(Outcome.baseline(false)).isEqualTo(Outcome.BASELINE_FAILED);
        assertThat(ExecutionStatus.FAILED.outcome()).isEqualTo(Outcome.FAILED);
    }

    @Test
    void anEventTheProjectWasNeverTaughtFailsInsteadOfFallingThrough() {
        KeyRotated notAProjectEvent = new KeyRotated(KeyRotated.LOG_SCOPE, "log", "k2", "pk", "k1", EARLIER, EARLIER, "admin");

        assertThatThrownBy(() -> new ProjectEvolution(new ProjectState()).apply(notAProjectEvent))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("KeyRotated");
    }
}
