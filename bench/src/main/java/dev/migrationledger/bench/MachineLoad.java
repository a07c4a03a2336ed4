package dev.migrationledger.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How busy the whole machine's CPUs were between two readings of /proc/stat. The bench shares two cores
 * with other work; a phase that ran on a saturated machine says so next to its figure.
 */
record MachineLoad(long busy, long total) {

    static MachineLoad now() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < cpu.length; i++) {
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + (cpu.length > 5 ? Long.parseLong(cpu[5]) : 0);
            return new MachineLoad(total - idle, total);
        } catch (IOException | RuntimeException e) {
            return new MachineLoad(0, 0);
        }
    }

    /** Percent of all cores busy since {@code start} (everyone's work, ours included); -1 when unknown. */
    double busyPercentSince(MachineLoad start) {
        long dt = total - start.total;
        return dt <= 0 ? -1 : Math.round((busy - start.busy) * 1000.0 / dt) / 10.0;
    }
}
