/** HTTP concerns shared by every resource: problem details, conditional requests, merge patch, limits. */
package br.com.rhp.hospital.web;
