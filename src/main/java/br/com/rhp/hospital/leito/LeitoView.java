package br.com.rhp.hospital.leito;

import br.com.rhp.hospital.shared.AuditoriaView;
import br.com.rhp.hospital.shared.Versionado;
import java.time.Instant;
import java.util.UUID;

/**
 * A bed as the API shows it. It carries no patient data, by design: housekeeping reads it. Who
 * occupies a bed is answered by the encounter resources, which only clinical roles may read.
 */
public record LeitoView(
        UUID id,
        long versao,
        UUID unidadeId,
        String codigo,
        TipoLeito tipo,
        Acomodacao acomodacao,
        StatusLeito status,
        String statusMotivo,
        Instant statusDesde,
        AuditoriaView auditoria)
        implements Versionado {

    static LeitoView de(Leito l) {
        return new LeitoView(
                l.id(),
                l.versao(),
                l.unidadeId(),
                l.codigo(),
                l.tipo(),
                l.acomodacao(),
                l.status(),
                l.statusMotivo(),
                l.statusDesde(),
                AuditoriaView.de(l.auditoria()));
    }
}
