package br.com.rhp.hospital.atendimento;

import br.com.rhp.hospital.leito.StatusLeito;
import br.com.rhp.hospital.leito.TipoLeito;
import br.com.rhp.hospital.shared.AuditoriaView;
import br.com.rhp.hospital.shared.Versionado;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The representations of encounters, ADT events and ward views. */
final class Views {

    private Views() {}

    record AtendimentoView(
            UUID id,
            long versao,
            UUID pacienteId,
            TipoAtendimento tipo,
            Carater carater,
            Procedencia procedencia,
            StatusAtendimento status,
            Instant inicio,
            Instant fim,
            UUID unidadeId,
            UUID leitoAtualId,
            UUID profissionalResponsavelId,
            Financiamento financiamento,
            String operadoraCodigo,
            String carteirinhaNumero,
            String cidPrincipal,
            String motivoCancelamento,
            AuditoriaView auditoria)
            implements Versionado {

        static AtendimentoView de(Atendimento a, UUID leitoAtualId) {
            return new AtendimentoView(
                    a.id(),
                    a.versao(),
                    a.pacienteId(),
                    a.tipo(),
                    a.carater(),
                    a.procedencia(),
                    a.status(),
                    a.inicio(),
                    a.fim(),
                    a.unidadeId(),
                    leitoAtualId,
                    a.profissionalResponsavelId(),
                    a.financiamento(),
                    a.operadoraCodigo(),
                    a.carteirinhaNumero(),
                    a.cidPrincipal(),
                    a.motivoCancelamento(),
                    AuditoriaView.de(a.auditoria()));
        }
    }

    record TransferenciaView(
            UUID id,
            long versao,
            UUID atendimentoId,
            UUID leitoOrigemId,
            UUID leitoDestinoId,
            Instant ocorridoEm,
            MotivoTransferencia motivo,
            UUID profissionalId,
            String observacao,
            AuditoriaView auditoria)
            implements Versionado {

        static TransferenciaView de(Transferencia t) {
            return new TransferenciaView(
                    t.id(),
                    t.versao(),
                    t.atendimentoId(),
                    t.leitoOrigemId(),
                    t.leitoDestinoId(),
                    t.ocorridoEm(),
                    t.motivo(),
                    t.profissionalId(),
                    t.observacao(),
                    AuditoriaView.de(t.auditoria()));
        }
    }

    record AltaView(
            UUID id,
            long versao,
            UUID atendimentoId,
            Instant ocorridoEm,
            MotivoAlta motivo,
            UUID profissionalId,
            String cidPrincipal,
            String cnesDestino,
            String observacao,
            AuditoriaView auditoria)
            implements Versionado {

        static AltaView de(Alta a) {
            return new AltaView(
                    a.id(),
                    a.versao(),
                    a.atendimentoId(),
                    a.ocorridoEm(),
                    a.motivo(),
                    a.profissionalId(),
                    a.cidPrincipal(),
                    a.cnesDestino(),
                    a.observacao(),
                    AuditoriaView.de(a.auditoria()));
        }
    }

    /** One period of a stay in a bed. */
    record OcupacaoView(UUID id, UUID leitoId, String leitoCodigo, UUID unidadeId, Instant inicio, Instant fim) {}

    /** Who is in a bed now: the patient as the ward identifies them. */
    record PacienteNoLeito(UUID pacienteId, String nome, String nomeSocial, UUID atendimentoId, Instant desde) {}

    /** A bed and its current occupant, if any. */
    record LeitoOcupacaoView(
            UUID leitoId,
            String codigo,
            TipoLeito tipo,
            StatusLeito status,
            String statusMotivo,
            Instant statusDesde,
            PacienteNoLeito ocupacao) {}

    /** The census of a unit: beds by status, the occupancy rate and who is in each bed. */
    record CensoView(
            UUID unidadeId,
            String unidadeCodigo,
            String unidadeNome,
            Instant geradoEm,
            int totalLeitos,
            Map<StatusLeito, Long> leitosPorStatus,
            double taxaOcupacao,
            List<LeitoOcupacaoView> leitos) {}
}
