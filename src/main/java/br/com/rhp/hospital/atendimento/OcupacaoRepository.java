package br.com.rhp.hospital.atendimento;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface OcupacaoRepository extends JpaRepository<Ocupacao, UUID> {

    Optional<Ocupacao> findByAtendimentoIdAndFimIsNull(UUID atendimentoId);

    Optional<Ocupacao> findByLeitoIdAndFimIsNull(UUID leitoId);

    List<Ocupacao> findByLeitoIdInAndFimIsNull(Collection<UUID> leitoIds);

    List<Ocupacao> findByAtendimentoIdOrderByInicioAsc(UUID atendimentoId);
}
