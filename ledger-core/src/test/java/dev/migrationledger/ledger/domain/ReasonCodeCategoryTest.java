package dev.migrationledger.ledger.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationledger.ledger.domain.ReasonCode.Category;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A refusal's category decides its HTTP status and the CLI's exit code, so which category wins matters. */
class ReasonCodeCategoryTest {

    @Test
    void everyCodeHasTheCategoryItsNameSays() {
        for (ReasonCode code : ReasonCode.values()) {
            Category expected = code.name().startsWith("UNKNOWN_") ? Category.NOT_FOUND
                    : code == ReasonCode.IDEMPOTENCY_CONFLICT ? Category.CONFLICT
                    : code == ReasonCode.INVALID_INPUT ? Category.INVALID : Category.POLICY;
            assertThat(code.category()).as(code.name()).isEqualTo(expected);
        }
    }

    @Test
    void anUnknownThingOutranksAConflictWhichOutranksPolicyWhichOutranksInput() {
        assertThat(Category.of(List.of(ReasonCode.INVALID_INPUT, ReasonCode.NO_APPROVAL))).contains(Category.POLICY);
        assertThat(Category.of(List.of(ReasonCode.NO_APPROVAL, ReasonCode.IDEMPOTENCY_CONFLICT)))
                .contains(Category.CONFLICT);
        assertThat(Category.of(List.of(ReasonCode.IDEMPOTENCY_CONFLICT, ReasonCode.UNKNOWN_ENVIRONMENT)))
                .contains(Category.NOT_FOUND);
        assertThat(Category.of(List.of(ReasonCode.INVALID_INPUT, ReasonCode.INVALID_INPUT))).contains(Category.INVALID);
        assertThat(Category.of(List.of())).isEmpty();
        assertThat(EnumSet.allOf(Category.class)).hasSize(4);
    }

    @Test
    void aNameIsFoundOnlyWhenThisVersionKnowsIt() {
        assertThat(ReasonCode.find("NO_BACKUP")).contains(ReasonCode.NO_BACKUP);
        assertThat(ReasonCode.find("A_CODE_FROM_A_NEWER_SERVICE")).isEmpty();
        assertThat(ReasonCode.find(null)).isEmpty();
    }
}
