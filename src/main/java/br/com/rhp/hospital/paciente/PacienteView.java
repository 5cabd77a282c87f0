package br.com.rhp.hospital.paciente;

import br.com.rhp.hospital.shared.AuditoriaView;
import br.com.rhp.hospital.shared.Versionado;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A patient as the API shows it to clinical roles. */
public record PacienteView(
        UUID id,
        long versao,
        String nome,
        String nomeSocial,
        String cpf,
        String cns,
        boolean naoIdentificado,
        String justificativa,
        LocalDate dataNascimento,
        Sexo sexo,
        String nomeMae,
        RacaCor racaCor,
        String logradouro,
        String numero,
        String complemento,
        String bairro,
        String municipio,
        String uf,
        String cep,
        String telefone,
        boolean anulado,
        String motivoAnulacao,
        Instant anuladoEm,
        String anuladoPor,
        AuditoriaView auditoria)
        implements Versionado {

    static PacienteView de(Paciente p) {
        return new PacienteView(
                p.id(),
                p.versao(),
                p.nome(),
                p.nomeSocial(),
                p.cpf(),
                p.cns(),
                p.naoIdentificado(),
                p.justificativa(),
                p.dataNascimento(),
                p.sexo(),
                p.nomeMae(),
                p.racaCor(),
                p.logradouro(),
                p.numero(),
                p.complemento(),
                p.bairro(),
                p.municipio(),
                p.uf(),
                p.cep(),
                p.telefone(),
                p.anulado(),
                p.motivoAnulacao(),
                p.anuladoEm(),
                p.anuladoPor(),
                AuditoriaView.de(p.auditoria()));
    }
}
