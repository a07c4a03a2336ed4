package dev.migrationledger.executor.cli;

import picocli.CommandLine.IVersionProvider;

/** The version the shaded jar's manifest carries; "development" when run from classes. */
final class ManifestVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"ledger " + number()};
    }

    /** The bare version, as SARIF's {@code tool.driver.version} takes it. */
    static String number() {
        String version = LedgerCommand.class.getPackage().getImplementationVersion();
        return version != null ? version : "development build";
    }
}
