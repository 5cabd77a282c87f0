/**
 * The write path: every create and update of the hospital passes through {@link
 * br.com.rhp.hospital.write.WriteGateway}, which applies it in one transaction together with its row in
 * the {@code applied_operations} ledger, so that an operation takes effect exactly once.
 */
package br.com.rhp.hospital.write;
