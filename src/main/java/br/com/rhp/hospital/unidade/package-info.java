/** Hospital units: establishments, buildings, wards, ICUs — the places beds belong to. */
package br.com.rhp.hospital.unidade;
