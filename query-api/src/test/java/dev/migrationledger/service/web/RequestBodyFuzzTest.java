package dev.migrationledger.service.web;

import dev.migrationledger.ledger.api.AuthorizationGrant;
import dev.migrationledger.ledger.integrity.DsseEnvelope;
import dev.migrationledger.ledger.integrity.LogSigningKey;
import dev.migrationledger.ledger.integrity.SignedAuthorization;
import dev.migrationledger.service.config.LedgerProperties;
import dev.migrationledger.service.config.embedded.EmbeddedPostgresSettings;
import dev.migrationledger.service.eventstore.LedgerIndex;
import dev.migrationledger.service.projection.scripts.ScriptQuery;
import dev.migrationledger.service.receipts.SignedAuthorizations;
import java.nio.file.Path;
import java.time.Duration;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationledger.ledger.api.EnvironmentDefinition;
import dev.migrationledger.ledger.api.MigrationDefinition;
import dev.migrationledger.ledger.api.MigrationPlanned;
import dev.migrationledger.ledger.api.ProjectRegistered;
import dev.migrationledger.ledger.domain.ChangeClass;
import dev.migrationledger.ledger.domain.EnvironmentPolicy;
import dev.migrationledger.ledger.domain.Phase;
import dev.migrationledger.ledger.domain.ProjectAggregate;
import dev.migrationledger.ledger.domain.Risk;
import dev.migrationledger.ledger.domain.RollbackStrategy;
import dev.migrationledger.service.config.AxonConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpMethod;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * JSON request bodies of the write endpoints through the service's own web layer: its Jackson
 * configuration (application.yml's spring.jackson.* and AxonConfig's strict-input customizer, built by
 * Spring Boot), Spring MVC's body reading, the real controllers, {@link ProblemAdvice}, and the aggregate's
 * checks ({@code domain/InputCheck}, the rules) on a project with two environments and two planned
 * migrations (AggregateTestFixture, so nothing needs a database). What must hold: every body is answered
 * 2xx or 4xx, never 5xx, and every 4xx is an RFC 9457 problem without internals. Tokens, drift scans and
 * schema snapshots need the database; the HTTP fuzz run against the packaged service covers them.
 */
class RequestBodyFuzzTest {

    private static final String PROJECT = "fuzz";
    private static final String CHECKSUM = "ab".repeat(32);
    private static final Instant EARLIER = Instant.parse("2026-01-01T00:00:00Z");
    private static final String[] CONTENT_TYPES = {"application/json", "application/json;charset=UTF-8",
            "application/json;charset=ISO-8859-1", "application/json;charset=UTF-16", "application/*+json",
            "text/plain", "application/x-www-form-urlencoded"};

    enum Endpoint {
        REGISTER("POST", "/api/v1/projects"),
        POLICY("PUT", "/api/v1/projects/fuzz/environments/prod/policy"),
        PLAN("POST", "/api/v1/projects/fuzz/migrations"),
        APPROVE("POST", "/api/v1/projects/fuzz/migrations/1/approvals"),
        CORRECT("POST", "/api/v1/projects/fuzz/migrations/1/corrections"),
        BACKUP("POST", "/api/v1/projects/fuzz/environments/prod/backups"),
        AUTHORIZE("POST", "/api/v1/projects/fuzz/environments/dev/authorizations"),
        RECORD("POST", "/api/v1/projects/fuzz/environments/dev/executions"),
        ROLLBACK("POST", "/api/v1/projects/fuzz/environments/dev/rollbacks"),
        BASELINE("POST", "/api/v1/projects/fuzz/environments/prod/baselines");

        final String method;
        final String path;

        Endpoint(String method, String path) {
            this.method = method;
            this.path = path;
        }
    }

    /** The service's web mapper, made the way the service makes it: by Spring Boot, from application.yml. */
    @Configuration
    @ImportAutoConfiguration(JacksonAutoConfiguration.class)
    static class WebJson {

        private final AxonConfig config = new AxonConfig();

        @Bean
        Jackson2ObjectMapperBuilderCustomizer webJsonDefaults() {
            return config.webJsonDefaults();
        }

        @Bean
        @Primary
        ObjectMapper objectMapper(Jackson2ObjectMapperBuilder builder) {
            return config.objectMapper(builder);
        }
    }

    /** The controllers' gateway sends to the current input's fixture. */
    private static final AtomicReference<CommandGateway> LEDGER = new AtomicReference<>();
    private static final MockMvc MVC = mvc();
    private static final UsernamePasswordAuthenticationToken CALLER =
            new UsernamePasswordAuthenticationToken("fuzzer", null, List.of());

    /**
     * The input's first byte picks the endpoint, the second the content type, the third whether an
     * Idempotency-Key header is sent; the rest is the body. The seeds are a valid body for each endpoint.
     */
    @FuzzTest
    void everyBodyIsAnsweredWithoutAServerError(byte[] input) throws Exception {
        if (input.length < 3) {
            return;
        }
        Endpoint endpoint = Endpoint.values()[Byte.toUnsignedInt(input[0]) % Endpoint.values().length];
        String contentType = CONTENT_TYPES[Byte.toUnsignedInt(input[1]) % CONTENT_TYPES.length];
        String idempotencyKey = (input[2] & 1) == 1 ? "key-" + (input[2] >> 1) : null;
        byte[] body = java.util.Arrays.copyOfRange(input, 3, input.length);
        // each request meets the same project, in a fixture of its own (one fixture keeps to one aggregate)
        LEDGER.set(fixture());
        var request = MockMvcRequestBuilders.request(HttpMethod.valueOf(endpoint.method), endpoint.path)
                .contentType(contentType).content(body).principal(CALLER);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        MockHttpServletResponse response = MVC.perform(request).andReturn().getResponse();
        String violation = CleanRefusal.violationOfError(response.getStatus(), response.getContentType(),
                response.getContentAsString(StandardCharsets.UTF_8), new String(body, StandardCharsets.UTF_8));
        if (violation != null) {
            throw new AssertionError(violation + ": " + endpoint + " " + contentType + " «"
                    + new String(body, StandardCharsets.UTF_8) + "» → " + response.getStatus() + " "
                    + response.getContentAsString(StandardCharsets.UTF_8));
        }
    }

    private static List<Object> history() {
        return List.of(
                new ProjectRegistered(PROJECT, List.of(new EnvironmentDefinition("dev", EnvironmentPolicy.defaults(false)),
                        new EnvironmentDefinition("prod", EnvironmentPolicy.defaults(true))), EARLIER, EARLIER, "admin"),
                planned("1", ChangeClass.ADDITIVE, Phase.EXPAND, null),
                planned("2", ChangeClass.DESTRUCTIVE, Phase.CONTRACT, "1"));
    }

    private static MigrationPlanned planned(String version, ChangeClass changeClass, Phase phase, String expands) {
        return new MigrationPlanned(PROJECT, new MigrationDefinition(version, "migration " + version, CHECKSUM,
                changeClass, Risk.LOW, phase, expands, RollbackStrategy.FORWARD_FIX, "OPS-1", "alice"),
                false, EARLIER, EARLIER, "ci-bot");
    }

    private static CommandGateway fixture() {
        FixtureConfiguration<ProjectAggregate> ledger = new AggregateTestFixture<>(ProjectAggregate.class);
        ledger.given(history());
        // the fixture subscribes its handlers only inside when(); here the controllers send the commands
        AggregateAnnotationCommandHandler.<ProjectAggregate>builder().aggregateType(ProjectAggregate.class)
                .repository(ledger.getRepository()).build().subscribe(ledger.getCommandBus());
        return DefaultCommandGateway.builder().commandBus(ledger.getCommandBus()).build();
    }

    private static MockMvc mvc() {
        ObjectMapper json = new SpringApplicationBuilder(WebJson.class).web(WebApplicationType.NONE)
                .logStartupInfo(false).run().getBean(ObjectMapper.class);
        CommandGateway commands = (CommandGateway) Proxy.newProxyInstance(CommandGateway.class.getClassLoader(),
                new Class<?>[]{CommandGateway.class}, (proxy, method, args) -> {
                    try {
                        return method.invoke(LEDGER.get(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        // lastIndex in answers is read from the event store's table; there is none here
        LedgerIndex index = new LedgerIndex(null) {
            @Override
            public long lastIndexOf(String project) {
                return -1;
            }
        };
        // plans ask the scripts read model which texts it lacks; there is none here
        ScriptQuery scripts = new ScriptQuery(null, json, null, null) {
            @Override
            public List<String> withoutText(String project, List<String> checksums) {
                return List.of();
            }
        };
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        // grants are signed with a throwaway key; the service stores them in a table there is none of here
        LogSigningKey key = LogSigningKey.generate("fuzz.test/log");
        SignedAuthorizations signed = new SignedAuthorizations(null, null, json) {
            @Override
            public DsseEnvelope envelopeFor(AuthorizationGrant grant) {
                return SignedAuthorization.sign(grant, key);
            }
        };
        LedgerProperties properties = new LedgerProperties(Path.of("unused"), 100, Duration.ofMinutes(10), "fuzz.test/log",
                null, Duration.ofSeconds(10), 1_048_576, EmbeddedPostgresSettings.defaults(), Duration.ofHours(1),
                5000, Duration.ofMinutes(30), Duration.ofMillis(200), Duration.ofSeconds(5), 64);
        return MockMvcBuilders.standaloneSetup(new ProjectController(commands, index),
                        new MigrationController(commands, index, scripts),
                        new EnvironmentController(commands, index, meters, signed, properties),
                        new DriftScanController(commands, index, null, null))
                .setControllerAdvice(new ProblemAdvice(meters))
                .setMessageConverters(new MappingJackson2HttpMessageConverter(json))
                .build();
    }
}
