/**
 * The staff's web pages (login, registration and ADT forms, bed map, staging dashboard): server-rendered
 * Thymeleaf templates whose little JavaScript calls the same {@code /api} a client would, with the
 * page's session.
 */
package br.com.rhp.hospital.telas;
