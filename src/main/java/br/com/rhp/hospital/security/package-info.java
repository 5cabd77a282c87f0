/**
 * Who may do what: local accounts from configuration (never from the central database, so that users
 * can still log in while it is down), roles, and the access matrix of every endpoint.
 */
package br.com.rhp.hospital.security;
