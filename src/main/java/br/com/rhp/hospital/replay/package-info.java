/**
 * The replay: drains this node's staging area into the central database — exactly once (the
 * {@code applied_operations} ledger), in the node's acceptance order across all partitions, holding an
 * operation behind a quarantined or conflicting one that touches the same records. Runs on the
 * {@code CRONTAB} schedule, soon after the database recovers, and on an administrator's request; never
 * two at a time. Also the administration API of the staging area.
 */
package br.com.rhp.hospital.replay;
