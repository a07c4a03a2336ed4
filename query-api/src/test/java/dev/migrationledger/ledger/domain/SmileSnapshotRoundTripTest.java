package dev.migrationledger.ledger.domain;

import dev.migrationledger.service.config.AxonConfig;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.Serializer;

/** ledger-core's snapshot cases, with the serializer the service writes snapshots with (Smile, shared strings). */
class SmileSnapshotRoundTripTest extends SnapshotRoundTripTest {

    private static final Serializer SNAPSHOTS = AxonConfig.snapshotSerializer(new AxonConfig().defaultAxonObjectMapper(),
            new AnnotationRevisionResolver());

    @Override
    protected Serializer serializer() {
        return SNAPSHOTS;
    }
}
