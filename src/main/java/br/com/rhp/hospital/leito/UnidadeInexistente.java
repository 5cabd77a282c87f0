package br.com.rhp.hospital.leito;

import br.com.rhp.hospital.shared.DadosInconsistentes;
import java.util.UUID;

/**
 * The unit a bed names does not exist. A 422, not a 404: the address called exists, it is the
 * reference inside the form that points nowhere.
 */
public class UnidadeInexistente extends DadosInconsistentes {

    public UnidadeInexistente(UUID unidadeId) {
        super("A unidade " + unidadeId + " informada em unidade_id não existe.");
    }
}
