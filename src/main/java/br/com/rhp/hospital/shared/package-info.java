/** Building blocks every feature uses: ids, audit columns, domain problems and identifier validation. */
package br.com.rhp.hospital.shared;
