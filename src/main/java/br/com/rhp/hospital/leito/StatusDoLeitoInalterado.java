package br.com.rhp.hospital.leito;

/**
 * The bed is already in the status asked for. Named apart from other refused transitions so that a
 * client can tell a repeated request (two people confirming the same cleaning) from a wrong one.
 */
public class StatusDoLeitoInalterado extends TransicaoDeStatusInvalida {

    public StatusDoLeitoInalterado(String codigo, StatusLeito status) {
        super("O leito " + codigo + " já está em " + status + ": nada foi alterado.");
    }
}
