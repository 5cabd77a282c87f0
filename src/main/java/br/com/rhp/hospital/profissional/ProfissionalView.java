package br.com.rhp.hospital.profissional;

import br.com.rhp.hospital.shared.AuditoriaView;
import br.com.rhp.hospital.shared.Versionado;
import java.util.List;
import java.util.UUID;

/** A professional as the API shows it; units in id order (creation order, ids being UUIDv7). */
public record ProfissionalView(
        UUID id,
        long versao,
        String nome,
        String cpf,
        String cns,
        Conselho conselho,
        String conselhoUf,
        String conselhoNumero,
        String cbo,
        List<UUID> unidades,
        boolean ativo,
        AuditoriaView auditoria)
        implements Versionado {

    static ProfissionalView de(Profissional p) {
        return new ProfissionalView(
                p.id(),
                p.versao(),
                p.nome(),
                p.cpf(),
                p.cns(),
                p.conselho(),
                p.conselhoUf(),
                p.conselhoNumero(),
                p.cbo(),
                p.unidades().stream().sorted().toList(),
                p.ativo(),
                AuditoriaView.de(p.auditoria()));
    }
}
