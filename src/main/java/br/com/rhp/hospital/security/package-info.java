/**
 * Who may do what: local accounts from configuration and bearer tokens of the hospital's identity
 * provider (neither reads the central database, so that users can still log in while it is down), roles,
 * the access matrix of every endpoint, and the limits of users to their units with the audited
 * break-the-glass override.
 */
package br.com.rhp.hospital.security;
