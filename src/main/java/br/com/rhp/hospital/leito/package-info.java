/**
 * Beds: their kinds, the status machine (only admission, transfer and discharge set or clear OCUPADO)
 * and the {@code /api/leitos} resource, which shows no patient data.
 */
package br.com.rhp.hospital.leito;
