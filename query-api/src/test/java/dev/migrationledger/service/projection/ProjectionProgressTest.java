package dev.migrationledger.service.projection;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** Where a read model's lastIndex comes from: the processor's memory when it holds every segment, else the stored tokens. */
class ProjectionProgressTest {

    private static final String GROUP = "environment-state";

    private final JdbcTemplate jdbc = mock(JdbcTemplate.class);
    private final EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
    private final StreamingEventProcessor processor = mock(StreamingEventProcessor.class);
    private final ProjectionProgress progress =
            new ProjectionProgress(jdbc, mock(Serializer.class), processing, null, null);

    @Test
    void everySegmentHereAnswersFromMemoryWithoutAQuery() {
        owns(status(0, 1, 41), status(1, 1, 37));

        assertThat(progress.lastIndex(GROUP)).isEqualTo(37);
        assertThat(progress.hasReached(GROUP, 37)).isTrue();
        verifyNoInteractions(jdbc);
    }

    @Test
    void aSegmentBeforeItsFirstEventCountsAsMinusOne() {
        owns(status(0, 0, -1));

        assertThat(progress.lastIndex(GROUP)).isEqualTo(-1);
        verifyNoInteractions(jdbc);
    }

    @Test
    void halfTheSegmentsHereReadsTheStoredTokensForTheRest() {
        owns(status(0, 1, 41));
        when(jdbc.query(anyString(), any(RowMapper.class), eq(GROUP))).thenReturn(List.of());

        progress.lastIndex(GROUP);

        verify(jdbc).query(anyString(), any(RowMapper.class), eq(GROUP));
    }

    @Test
    void aSegmentInErrorIsNotTrustedFromMemory() {
        EventTrackerStatus failed = status(1, 1, 90);
        when(failed.isErrorState()).thenReturn(true);
        owns(status(0, 1, 41), failed);
        when(jdbc.query(anyString(), any(RowMapper.class), eq(GROUP))).thenReturn(List.of());

        progress.lastIndex(GROUP);

        verify(jdbc).query(anyString(), any(RowMapper.class), eq(GROUP));
    }

    private void owns(EventTrackerStatus... statuses) {
        Map<Integer, EventTrackerStatus> bySegment = new java.util.HashMap<>();
        for (EventTrackerStatus status : statuses) {
            bySegment.put(status.getSegment().getSegmentId(), status);
        }
        when(processor.processingStatus()).thenReturn(bySegment);
        when(processing.eventProcessor(GROUP, StreamingEventProcessor.class)).thenReturn(Optional.of(processor));
    }

    private static EventTrackerStatus status(int segment, int mask, long position) {
        EventTrackerStatus status = mock(EventTrackerStatus.class);
        Segment whole = Segment.ROOT_SEGMENT;
        when(status.getSegment()).thenReturn(mask == 0 ? whole : whole.split()[segment]);
        when(status.getTrackingToken()).thenReturn(position < 0 ? null : GapAwareTrackingToken.newInstance(position, Set.of()));
        return status;
    }
}
