package br.com.rhp.hospital.atendimento;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

interface AtendimentoRepository extends JpaRepository<Atendimento, UUID>, JpaSpecificationExecutor<Atendimento> {

    /** Patients with an encounter of {@code status} whose unit, or a bed it occupied, is in {@code unidades}. */
    @Query("""
            select distinct a.pacienteId from Atendimento a
            where a.status = :status and (a.unidadeId in :unidades or exists (
                select o.id from Ocupacao o, Leito l
                where o.atendimentoId = a.id and o.leitoId = l.id and l.unidadeId in :unidades))
            """)
    Set<UUID> pacientesNasUnidades(StatusAtendimento status, Collection<UUID> unidades);

    @Query("""
            select count(a) > 0 from Atendimento a
            where a.pacienteId = :pacienteId and a.status = :status and (a.unidadeId in :unidades or exists (
                select o.id from Ocupacao o, Leito l
                where o.atendimentoId = a.id and o.leitoId = l.id and l.unidadeId in :unidades))
            """)
    boolean pacienteNasUnidades(UUID pacienteId, StatusAtendimento status, Collection<UUID> unidades);

    boolean existsByPacienteIdAndTipoAndStatus(UUID pacienteId, TipoAtendimento tipo, StatusAtendimento status);
}
