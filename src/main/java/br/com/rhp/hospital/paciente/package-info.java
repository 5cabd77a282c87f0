/** Patients: identification (CPF, CNS or a justified unidentified record), demographics and address. */
package br.com.rhp.hospital.paciente;
