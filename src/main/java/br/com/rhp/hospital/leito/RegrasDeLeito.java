package br.com.rhp.hospital.leito;

import br.com.rhp.hospital.unidade.Unidade;
import br.com.rhp.hospital.unidade.UnidadeRepository;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The rules a bed must keep against its unit and the other beds of the unit. */
@Component
class RegrasDeLeito {

    private final LeitoRepository leitos;
    private final UnidadeRepository unidades;

    RegrasDeLeito(LeitoRepository leitos, UnidadeRepository unidades) {
        this.leitos = leitos;
        this.unidades = unidades;
    }

    /** A new bed goes into an existing, active unit that admits patients. */
    void verificarUnidade(UUID unidadeId) {
        Unidade unidade = unidades.findById(unidadeId).orElseThrow(() -> new UnidadeInexistente(unidadeId));
        if (!unidade.ativo()) {
            throw new UnidadeInativa(unidade.codigo());
        }
        if (!unidade.aceitaInternacao()) {
            throw new UnidadeNaoAceitaInternacao(unidade.codigo());
        }
    }

    /** No two beds of a unit share a code (also enforced by the index ux_leito_unidade_codigo). */
    void verificarCodigo(UUID leitoId, UUID unidadeId, String codigo) {
        if (leitos.existsByUnidadeIdAndCodigoAndIdNot(unidadeId, codigo, leitoId)) {
            throw new CodigoDeLeitoEmUso(codigo);
        }
    }
}
