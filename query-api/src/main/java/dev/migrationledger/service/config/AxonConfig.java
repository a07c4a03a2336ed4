package dev.migrationledger.service.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.SmileGenerator;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.migrationledger.ledger.domain.ProjectAggregate;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.updates.configuration.UsagePropertyProvider;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * Axon on PostgreSQL through JDBC. Everything the event store persists (events, snapshots, tokens,
 * dead letters) is serialized by one Jackson mapper that belongs to Axon alone, so that
 * {@code spring.jackson.*} settings, which shape the REST API, can never change the stored format.
 */
@Configuration
public class AxonConfig {

    /** Axon looks this bean up by name; it is deliberately not the web layer's mapper. */
    @Bean("defaultAxonObjectMapper")
    public ObjectMapper defaultAxonObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // upcasters add fields over time; old readers must not break on them
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** The web layer's mapper, shaped by {@code spring.jackson.*}; primary so MVC and Actuator use it. */
    @Bean
    @Primary
    public ObjectMapper objectMapper(Jackson2ObjectMapperBuilder builder) {
        return builder.build();
    }

    @Bean
    public Jackson2ObjectMapperBuilderCustomizer webJsonDefaults() {
        // Strict on input: a misspelled policy field or a duplicated key must be an error, not ignored.
        return builder -> builder
                .serializerByType(java.time.Instant.class, InstantJson.INSTANCE)
                .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .featuresToEnable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                        com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    @Bean
    public EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    /**
     * A unique-key violation (SQLState 23505) on (aggregate, sequence) means another writer appended
     * first: it must surface as Axon's ConcurrencyException so the command is retried, not as a
     * generic EventStoreException. (The class lives in Axon's jpa package but only reads SQLStates.)
     */
    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver("23505");
    }

    @Bean
    public EventStorageEngine eventStorageEngine(@Qualifier("defaultAxonObjectMapper") ObjectMapper axonMapper,
                                                 RevisionResolver revisionResolver,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 org.axonframework.config.Configuration configuration,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 EventSchema eventSchema,
                                                 LedgerProperties properties) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(snapshotSerializer(axonMapper, revisionResolver))
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .gapTimeout((int) properties.gapTimeout().toMillis())
                .build();
    }

    /**
     * Snapshots are the whole project state, and the snapshotter holds one being written beside the state it
     * rebuilt to write it: a project of 60,500 facts took 47 MB of JSON and its write ran a 512 MiB heap out of
     * memory. In Smile, Jackson's binary JSON, with names and short values written once and referred to after, the
     * same state is 24 MB and reads and writes in less time; equal texts of one snapshot also share a String on
     * reading ({@link SharedSnapshotStrings}). Events stay JSON: they are the record, read by auditors and the log.
     */
    public static Serializer snapshotSerializer(ObjectMapper axonMapper, RevisionResolver revisionResolver) {
        SmileFactory smile = SmileFactory.builder().enable(SmileGenerator.Feature.CHECK_SHARED_STRING_VALUES).build();
        return JacksonSerializer.builder().revisionResolver(revisionResolver)
                .objectMapper(SharedSnapshotStrings.reading(axonMapper.copyWith(smile))).build();
    }

    @Bean
    public TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    public TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, TokenSchema tokenSchema) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(tokenSchema)
                .build();
    }

    /** The project aggregate (ledger-core is Spring-free, so it is registered here) and its snapshots. */
    @Bean
    public AggregateCache aggregateCache(LedgerProperties properties, MeterRegistry meters) {
        return new AggregateCache(properties.aggregateCacheBound(), properties.aggregateCacheIdle(),
                cached -> AggregateCache.aggregateRoot(cached) instanceof ProjectAggregate project
                        ? (int) Math.min(Integer.MAX_VALUE, 1 + project.stateEntries()) : 1).bindTo(meters);
    }

    @Bean
    public ConfigurerModule ledgerAggregates(LedgerProperties properties, AggregateCache cache) {
        // Snapshots are written after the command's transaction, off the request thread.
        java.util.concurrent.Executor snapshots = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "ledger-snapshotter");
            thread.setDaemon(true);
            return thread;
        });
        return configurer -> {
            // Spring's snapshotter only knows aggregates declared as Spring beans; ours is not one.
            // The cache saves reloading a busy project per command. Another instance's append makes a cached
            // copy stale; the append then fails on (aggregate, sequence), Axon evicts it, and the retry reloads.
            configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(ProjectAggregate.class)
                    .configureCache(config -> cache)
                    .configureSnapshotTrigger(config -> SizeOrLoadTimeSnapshotTrigger.definition(
                            AggregateSnapshotter.builder()
                                    .eventStore(config.eventStore())
                                    .aggregateFactories(new GenericAggregateFactory<>(ProjectAggregate.class))
                                    .transactionManager(config.getComponent(TransactionManager.class))
                                    .parameterResolverFactory(config.parameterResolverFactory())
                                    .handlerDefinition(config.handlerDefinition(ProjectAggregate.class))
                                    .executor(snapshots)
                                    .build(),
                            properties.snapshotThreshold(), properties.snapshotLoadTime(), java.time.Clock.systemUTC())));
            configurer.eventProcessing().usingPooledStreamingEventProcessors()
                    // Axon's default logs a failing handler and moves on: a lost connection would skip the
                    // event for good. Propagating makes the processor roll back and retry from its token.
                    .registerDefaultListenerInvocationErrorHandler(config -> PropagatingErrorHandler.instance());
        };
    }

    /** Axon's update checker would call home; the ledger makes no network calls of its own. */
    @Bean
    public UsagePropertyProvider usagePropertyProvider() {
        return new UsagePropertyProvider() {
            @Override
            public Boolean getDisabled() {
                return Boolean.TRUE;
            }

            @Override
            public String getUrl() {
                return null;
            }

            @Override
            public int priority() {
                return Integer.MAX_VALUE;
            }
        };
    }
}
