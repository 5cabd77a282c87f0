package br.com.rhp.hospital.unidade;

import br.com.rhp.hospital.shared.AuditoriaView;
import br.com.rhp.hospital.shared.Versionado;
import java.util.UUID;

/** A unit as the API shows it. */
public record UnidadeView(
        UUID id,
        long versao,
        String codigo,
        String nome,
        TipoUnidade tipo,
        UUID unidadePaiId,
        String cnes,
        boolean aceitaInternacao,
        boolean ativo,
        AuditoriaView auditoria)
        implements Versionado {

    static UnidadeView de(Unidade u) {
        return new UnidadeView(
                u.id(),
                u.versao(),
                u.codigo(),
                u.nome(),
                u.tipo(),
                u.unidadePaiId(),
                u.cnes(),
                u.aceitaInternacao(),
                u.ativo(),
                AuditoriaView.de(u.auditoria()));
    }
}
