package br.com.rhp.hospital.leito;

import br.com.rhp.hospital.shared.RegraViolada;

/** The bed already has a patient: no second patient, and no manual status change, until it is freed. */
public class LeitoOcupado extends RegraViolada {

    public LeitoOcupado(String codigo) {
        super("O leito " + codigo + " está ocupado.");
    }

    private LeitoOcupado(String codigo, String complemento) {
        super("O leito " + codigo + " está ocupado" + complemento);
    }

    /** Someone tried to change the status of an occupied bed by hand. */
    static LeitoOcupado semMudancaManual(String codigo) {
        return new LeitoOcupado(
                codigo, ": o status só muda com a alta ou a transferência do paciente, registradas no atendimento.");
    }
}
