/** Bean Validation constraints for Brazilian identifiers and names, with Portuguese messages. */
package br.com.rhp.hospital.shared.validacao;
