/** Health professionals: identification, professional council registration and the units they work in. */
package br.com.rhp.hospital.profissional;
