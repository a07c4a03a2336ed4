package dev.migrationledger.service.projection;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Read-your-writes: whether a processing group has handled the event at a global index, judged
 * from its tokens in token_entry, so it holds across replicas sharing the database.
 */
@Component
public class ProjectionProgress {

    private record StoredToken(byte[] token, String type) {
    }

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final ProjectionProperties properties;
    private final ProcessorCommits commits;

    ProjectionProgress(JdbcTemplate jdbc, Serializer serializer, ProjectionProperties properties, ProcessorCommits commits) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.properties = properties;
        this.commits = commits;
    }

    /**
     * True when every segment's token has passed {@code minIndex} without leaving it as a gap.
     * Deliberately not {@code token.covers(new GapAwareTrackingToken(minIndex, ∅))}: that also demands
     * no gap below {@code minIndex}, and a gap left by a rolled-back insert (a lost optimistic-lock
     * race, for one) stays in the token for the whole gap timeout (minutes), which would make every
     * read wait in vain. The writer's own events commit together, so they are never such gaps.
     */
    public boolean hasReached(String processingGroup, long minIndex) {
        List<StoredToken> rows = jdbc.query("SELECT token, token_type FROM token_entry WHERE processor_name = ?",
                (rs, n) -> new StoredToken(rs.getBytes("token"), rs.getString("token_type")), processingGroup);
        return !rows.isEmpty() && rows.stream().allMatch(row -> reached(row, minIndex));
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

    private boolean reached(StoredToken row, long minIndex) {
        if (row.token() == null) {
            return false;   // a segment that has seen nothing yet
        }
        TrackingToken stored = serializer.deserialize(
                new SimpleSerializedObject<>(row.token(), byte[].class, row.type(), null));
        // during a rebuild the token is a ReplayToken; its lower bound is how far the replay got
        TrackingToken token = WrappedToken.unwrapLowerBound(stored);
        if (token instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= minIndex && !gapAware.getGaps().contains(minIndex);
        }
        return token != null && token.position().orElse(Long.MIN_VALUE) >= minIndex;
    }
}
