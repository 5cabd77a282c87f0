package br.com.rhp.hospital.profissional;

import br.com.rhp.hospital.shared.DadosInconsistentes;
import java.util.Collection;
import java.util.stream.Collectors;

/** A unit the professional would work in does not exist. */
public class UnidadeInexistente extends DadosInconsistentes {

    public UnidadeInexistente(Collection<String> ids) {
        super("Unidade(s) inexistente(s): " + ids.stream().sorted().collect(Collectors.joining(", "))
                + ". Informe unidades já cadastradas.");
    }
}
