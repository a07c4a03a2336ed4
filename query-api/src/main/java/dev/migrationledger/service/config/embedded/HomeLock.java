package dev.migrationledger.service.config.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One service at a time runs the embedded PostgreSQL of a LEDGER_HOME. The operating system releases
 * the lock when its holder dies, however it dies; so a start that gets the lock knows that a server
 * still running on the data directory has no live owner.
 */
final class HomeLock implements AutoCloseable {

    static final String NAME = "embedded-postgres.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private HomeLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static HomeLock acquire(Path home) {
        Path file = home.resolve(NAME);
        try {
            Files.createDirectories(home);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                String holder = Files.readString(file).strip();
                channel.close();
                throw new EmbeddedPostgresException("another ledger service (PID " + (holder.isEmpty() ? "unknown" : holder)
                        + ") runs the embedded PostgreSQL of " + home,
                        "stop that service, or give this one its own LEDGER_HOME; instances that share one ledger "
                                + "need an external PostgreSQL (LEDGER_DB_URL)");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
            return new HomeLock(channel, lock);
        } catch (IOException e) {
            throw new EmbeddedPostgresException("could not lock " + file + ": " + e.getMessage(),
                    "make LEDGER_HOME writable, or set LEDGER_DB_URL to use an external PostgreSQL", e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the lock goes with the process anyway
        }
    }
}
