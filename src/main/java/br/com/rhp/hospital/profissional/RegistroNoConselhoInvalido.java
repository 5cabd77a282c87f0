package br.com.rhp.hospital.profissional;

import br.com.rhp.hospital.shared.DadosInconsistentes;

/**
 * A council registration without its state or number, or one given for a profession without a
 * council. The form reports this field by field; this guards the entity when an operation is replayed.
 */
public class RegistroNoConselhoInvalido extends DadosInconsistentes {

    public RegistroNoConselhoInvalido(Conselho conselho) {
        super(
                conselho == Conselho.NENHUM
                        ? "Um profissional sem conselho (NENHUM) não tem UF nem número de registro."
                        : "O registro no " + conselho + " precisa da UF e do número.");
    }
}
