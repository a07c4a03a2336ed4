package dev.migrationledger.service.projection;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How far a processing group got, judged from Axon's tracking token of each of its segments and nothing
 * else: the rows a handler writes and the token commit in one transaction (the processors run in Spring's
 * transaction manager, the token store and the handlers share its connection), so the token is exactly
 * what the read model contains.
 * <p>
 * Tokens are read, never claimed ({@code TokenStore.fetchToken} would claim, and on another replica the
 * segment is owned elsewhere): a segment this instance processes is read from the processor's in-memory
 * status, which also moves past events the group has no handler for; any other segment from token_entry.
 */
@Component
public class ProjectionProgress {

    private record StoredToken(int segment, byte[] token, String type) {
    }

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final EventProcessingConfiguration processing;
    private final ProjectionProperties properties;
    private final ProcessorCommits commits;

    ProjectionProgress(JdbcTemplate jdbc, Serializer serializer, EventProcessingConfiguration processing,
                       ProjectionProperties properties, ProcessorCommits commits) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.processing = processing;
        this.properties = properties;
        this.commits = commits;
    }

    /**
     * True when every segment has handled {@code minIndex}: its token has passed it without leaving it as a
     * gap, or no event the group handles lies between the token and {@code minIndex}. The second case is a
     * segment owned by another replica: a batch of events the group does not handle moves that replica's
     * token in memory at once but in token_entry only at its next claim extension (seconds later).
     * Deliberately not {@code token.covers(new GapAwareTrackingToken(minIndex, ∅))}: that also demands no
     * gap below {@code minIndex}, and a gap left by a rolled-back insert (a lost optimistic-lock race, for
     * one) stays in the token for the whole gap timeout, which would make every read wait in vain. Gaps the
     * token dropped after that timeout are not in it, so they count as covered. The writer's own events
     * commit together, so they are never such gaps.
     */
    public boolean hasReached(String processingGroup, long minIndex) {
        Collection<TrackingToken> tokens = tokens(processingGroup).values();
        return !tokens.isEmpty() && tokens.stream().allMatch(token -> covers(token, minIndex)
                || nothingToHandle(processingGroup, token, minIndex));
    }

    /**
     * The global index the group's tables are exact as of: the lowest segment's token position, -1 before
     * the first event. Called first in a repeatable-read transaction, its stored tokens belong to the same
     * snapshot as the rows read after it; an in-memory status is read before that snapshot begins, so every
     * batch it counts has committed into the snapshot.
     */
    public long lastIndex(String processingGroup) {
        Collection<TrackingToken> tokens = tokens(processingGroup).values();
        return tokens.isEmpty() ? -1 : tokens.stream().mapToLong(ProjectionProgress::position).min().orElse(-1);
    }

    /**
     * Waits at most {@code max} for every group to reach {@code minIndex}; false if one has not by then.
     * The tokens are read again when a processor batch commits, not on a timer.
     */
    public boolean awaitIndex(Collection<String> processingGroups, long minIndex, Duration max) {
        return commits.await(() -> processingGroups.stream().allMatch(group -> hasReached(group, minIndex)), max);
    }

    public boolean awaitIndex(Collection<String> processingGroups, long minIndex) {
        return awaitIndex(processingGroups, minIndex, properties.readWait());
    }

    /**
     * Each segment's token (null before its first event): in memory where processed here, else as stored.
     * When this instance processes every segment — one replica, the usual case — token_entry is not read:
     * the in-memory status is what this instance committed, so a read model query costs no round trip for
     * its lastIndex. (A segment another replica has just claimed away stays in the status until this
     * instance's next claim check; until then its position here is the lower, which only understates.)
     */
    private Map<Integer, TrackingToken> tokens(String processingGroup) {
        Map<Integer, TrackingToken> local = new HashMap<>();
        double share = 0;
        Optional<StreamingEventProcessor> processor =
                processing.eventProcessor(processingGroup, StreamingEventProcessor.class);
        for (EventTrackerStatus status : processor.map(StreamingEventProcessor::processingStatus)
                .map(Map::values).orElse(List.of())) {
            if (!status.isErrorState()) {
                local.put(status.getSegment().getSegmentId(), status.getTrackingToken());
                share += 1.0 / (status.getSegment().getMask() + 1);
            }
        }
        if (share == 1.0) {
            return local;
        }
        List<StoredToken> rows = jdbc.query(
                "SELECT segment, token, token_type FROM token_entry WHERE processor_name = ?",
                (rs, n) -> new StoredToken(rs.getInt("segment"), rs.getBytes("token"), rs.getString("token_type")),
                processingGroup);
        Map<Integer, TrackingToken> tokens = new HashMap<>();
        for (StoredToken row : rows) {
            TrackingToken stored = row.token() == null ? null : serializer.deserialize(
                    new SimpleSerializedObject<>(row.token(), byte[].class, row.type(), null));
            TrackingToken inMemory = local.get(row.segment());
            tokens.put(row.segment(), position(inMemory) >= position(stored) ? inMemory : stored);
        }
        return tokens;
    }

    /** During a rebuild the token is a ReplayToken; its lower bound is how far the replay got. */
    private static long position(TrackingToken token) {
        TrackingToken reached = token == null ? null : WrappedToken.unwrapLowerBound(token);
        return reached == null ? -1 : reached.position().orElse(-1);
    }

    private static boolean covers(TrackingToken token, long index) {
        TrackingToken reached = token == null ? null : WrappedToken.unwrapLowerBound(token);
        if (reached instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= index && !gapAware.getGaps().contains(index);
        }
        return position(reached) >= index;
    }

    /**
     * The event at {@code index} is committed, and neither it nor any committed event between the token's
     * position and it is one the group has a handler for.
     */
    private boolean nothingToHandle(String processingGroup, TrackingToken token, long index) {
        Optional<EventHandlerInvoker> handlers = processing.eventProcessor(processingGroup, AbstractEventProcessor.class)
                .map(AbstractEventProcessor::eventHandlerInvoker);
        if (handlers.isEmpty()) {
            return false;
        }
        long from = Math.min(position(token), index - 1);
        List<String> types = jdbc.queryForList("""
                SELECT DISTINCT payload_type FROM domain_event_entry WHERE global_index > ? AND global_index <= ?
                  AND EXISTS (SELECT 1 FROM domain_event_entry WHERE global_index = ?)""",
                String.class, from, index, index);
        // an index not (yet) in the store is reached only when a token passes it
        return !types.isEmpty() && types.stream().noneMatch(type -> handlers.get().canHandleType(
                serializer.classForType(new SimpleSerializedType(type, null))));
    }
}
