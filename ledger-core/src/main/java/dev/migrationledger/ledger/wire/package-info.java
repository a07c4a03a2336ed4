/**
 * The bodies of SPEC §7.1's endpoints that carry more than a command: what the service's controllers write and
 * read, and what the CLI's client sends and reads back — one declaration of each, so the two cannot drift apart.
 * Plain records over api/, domain/ and integrity/ types; nothing here reaches Axon (the executor's ArchitectureTest
 * holds that). Collections a response may omit read as empty lists, so a client tolerates an older service.
 */
package dev.migrationledger.ledger.wire;
