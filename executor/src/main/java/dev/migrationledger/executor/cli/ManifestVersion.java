package dev.migrationledger.executor.cli;

import picocli.CommandLine.IVersionProvider;

/** The version the shaded jar's manifest carries; "development" when run from classes. */
final class ManifestVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = LedgerCommand.class.getPackage().getImplementationVersion();
        return new String[] {"ledger " + (version != null ? version : "development build")};
    }
}
