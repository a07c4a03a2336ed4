package dev.migrationledger.service.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SharedSnapshotStringsTest {

    record Fact(String environment, String version, String executionId) {
    }

    record State(Map<String, Fact> facts, List<String> environments) {
    }

    private final ObjectMapper plain = new AxonConfig().defaultAxonObjectMapper();
    private final ObjectMapper shared = SharedSnapshotStrings.reading(plain.copy());

    @Test
    void equalTextsOfOneReadAreOneInstanceAndTheJsonIsUnchanged() throws Exception {
        String json = plain.writeValueAsString(new State(Map.of(
                "run-1/1", new Fact("prod", "1", "run-1/1"),
                "run-1/2", new Fact("prod", "2", "run-1/2")), List.of("dev", "prod")));

        State read = shared.readValue(json, State.class);

        Fact one = read.facts().get("run-1/1");
        Fact two = read.facts().get("run-1/2");
        assertThat(one.environment()).isSameAs(two.environment()).isSameAs(read.environments().get(1));
        assertThat(read).isEqualTo(plain.readValue(json, State.class));
        assertThat(shared.writeValueAsString(read)).isEqualTo(json);
    }

    @Test
    void eachReadHasItsOwnTableSoNothingOutlivesIt() throws Exception {
        String json = plain.writeValueAsString(new Fact("prod", "1", "run-1/1"));

        assertThat(shared.readValue(json, Fact.class).environment())
                .isNotSameAs(shared.readValue(json, Fact.class).environment());
    }

    @Test
    void nonStringTokensStillCoerceAsJacksonDoes() throws Exception {
        assertThat(shared.readValue("{\"environment\":12,\"version\":true,\"executionId\":null}", Fact.class))
                .isEqualTo(new Fact("12", "true", null));
    }
}
