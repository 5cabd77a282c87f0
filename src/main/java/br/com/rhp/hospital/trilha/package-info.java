/** The audit trail (trilha de auditoria): an append-only, hash-chained record of who did what to which record, when and from where. */
package br.com.rhp.hospital.trilha;
