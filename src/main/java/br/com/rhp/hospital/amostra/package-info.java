/**
 * A small, realistic sample of Real Hospital Português — units, beds, patients, professionals and a few
 * admissions, transfers and discharges — written through the write path when {@code SAMPLE_DATA=true},
 * so that a newcomer sees a working hospital at once; for demonstrations and training only.
 */
package br.com.rhp.hospital.amostra;
