package dev.migrationledger.ledger.testing;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;

/**
 * What each module's ArchitectureTest imports: main classes only, from directories or jars, never test classes or
 * this module's test-jar (whose fixtures may use anything).
 */
public final class MainClasses implements ImportOption {

    @Override
    public boolean includes(Location location) {
        return !location.contains("/test-classes/") && !location.contains("-tests.jar");
    }
}
