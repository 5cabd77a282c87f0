/**
 * Encounters and the ADT events on them: admission into a bed, transfer between beds, discharge. Bed
 * occupancy is a history ({@link br.com.rhp.hospital.atendimento.Ocupacao}); the ward views (current
 * occupancy of a bed, bed history of a stay, census of a unit) are read from it.
 */
package br.com.rhp.hospital.atendimento;
