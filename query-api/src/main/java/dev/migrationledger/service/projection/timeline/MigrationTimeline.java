package dev.migrationledger.service.projection.timeline;

import java.util.List;

public record MigrationTimeline(String project, String version, long lastIndex, List<TimelineEntry> events) {
}
