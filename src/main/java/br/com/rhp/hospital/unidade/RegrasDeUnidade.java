package br.com.rhp.hospital.unidade;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The rules a unit must keep against the other units and its beds. */
@Component
class RegrasDeUnidade {

    private final UnidadeRepository unidades;

    RegrasDeUnidade(UnidadeRepository unidades) {
        this.unidades = unidades;
    }

    void verificar(UUID id, UnidadeForm form, boolean estavaAtiva) {
        if (unidades.existsByCodigoAndIdNot(form.codigo(), id)) {
            throw new CodigoDeUnidadeEmUso(form.codigo());
        }
        verificarPai(id, form.unidadePaiId());
        if (estavaAtiva && !form.ativo()) {
            long ocupados = unidades.contarLeitosOcupados(id);
            if (ocupados > 0) {
                throw new UnidadeComLeitoOcupado(ocupados);
            }
        }
    }

    private void verificarPai(UUID id, UUID paiId) {
        Set<UUID> vistos = new HashSet<>();
        vistos.add(id);
        UUID atual = paiId;
        while (atual != null) {
            if (!vistos.add(atual)) {
                throw new UnidadePaiInvalida("a hierarquia de unidades formaria um ciclo");
            }
            UUID procurada = atual;
            Unidade pai = unidades.findById(procurada)
                    .orElseThrow(() -> new UnidadePaiInvalida("a unidade " + procurada + " não existe"));
            atual = pai.unidadePaiId();
        }
    }
}
