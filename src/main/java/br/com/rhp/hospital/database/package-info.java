/**
 * The central database as this node sees it: connection settings per engine, which failures mean
 * "unavailable", the circuit breaker that makes writes stage at once during an outage, and schema
 * migration that waits for the database instead of blocking start-up.
 */
package br.com.rhp.hospital.database;
