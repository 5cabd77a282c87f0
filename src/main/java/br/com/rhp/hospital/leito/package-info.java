/** Beds: their kinds and the status machine (only admission, transfer and discharge set or clear OCUPADO). */
package br.com.rhp.hospital.leito;
